//! `crc`: the crisis response centre system. One binary, a subcommand per role.

mod cmd;
mod config;
mod logging;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "crc", version, about = "The crisis response centre system", long_about = None)]
struct Cli {
    /// Configuration file (TOML); default ./crc.toml when present.
    #[arg(long, global = true, env = "CRC_CONFIG")]
    config: Option<PathBuf>,
    /// Database URL, overriding the configuration: sqlite://PATH or postgres://...
    #[arg(long, global = true)]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (and, later, the console).
    ///
    /// Example: crc serve --bind 127.0.0.1:8080 --demo
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080.
        #[arg(long)]
        bind: Option<String>,
        /// Load demonstration contingents and accounts.
        #[arg(long)]
        demo: bool,
    },
    /// Create or upgrade the database schema.
    ///
    /// Example: crc migrate --database postgres://crc@127.0.0.1/crc
    Migrate,
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCmd),
    /// Manage the organization's reference data.
    #[command(subcommand)]
    Reference(ReferenceCmd),
    /// Load or remove the demonstration data.
    #[command(subcommand)]
    Demo(DemoCmd),
    /// The crisis chain: the board, records, workflow steps and the journal.
    #[command(subcommand)]
    Crisis(CrisisCmd),
    /// The catalogue of joint training, its statistics, and the yearly Plan for Joint
    /// Training.
    #[command(subcommand)]
    Exercise(ExerciseCmd),
    /// Situation monitoring: import CAP alerts and EDXL-DE envelopes, ingest a USGS feed,
    /// export reports, list them, and the threat picture.
    #[command(subcommand)]
    Monitor(MonitorCmd),
    /// Write the whole database to one JSON file.
    ///
    /// Example: crc export --output backup.json
    Export {
        /// Output file; standard output when left out.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Restore a JSON export into an empty database, all or nothing.
    ///
    /// Example: crc import --input backup.json --database sqlite://restored/crc.db
    Import {
        /// The export file.
        #[arg(long, short)]
        input: PathBuf,
    },
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Show configuration.
    #[command(subcommand)]
    Config(ConfigCmd),
    /// Plan the deployment of a force: `crc plan --input scenario.json --output plan.json`.
    ///
    /// Example: crc plan --input scenario.json --output plan.json --time-limit 5s --seed 7
    /// What-if: add --what-if refuse:UZB --what-if add:IL-76MD:4 (also lose:AIRFIELD,
    /// ready:UNIT:+720) to plan the scenario as given and as changed, and compare.
    Plan(PlanArgs),
}

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
struct PlanArgs {
    #[command(subcommand)]
    sub: Option<PlanCmd>,
    /// Scenario file (JSON, docs/planner/scenario.schema.json).
    #[arg(long)]
    input: Option<PathBuf>,
    /// Where to write the plan (JSON, docs/planner/plan.schema.json).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Stop searching after this long and keep the best plan so far (e.g. 5s, 500ms, 2m).
    #[arg(long, default_value = "5s", value_parser = cmd::plan::parse_duration)]
    time_limit: std::time::Duration,
    /// Seed of the search: the same scenario and seed give the same plan.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Candidate plans the search builds.
    #[arg(long, default_value_t = crc_planner::Options::default().effort)]
    effort: u64,
    /// A what-if change: refuse:STATE, lose:AIRFIELD, add:TYPE:N, ready:UNIT:±MINUTES.
    #[arg(long = "what-if")]
    what_if: Vec<String>,
    /// With --what-if: where to write the comparison of the two plans (JSON).
    #[arg(long)]
    diff: Option<PathBuf>,
    /// No progress on standard error.
    #[arg(long)]
    quiet: bool,
}

#[derive(Subcommand)]
enum PlanCmd {
    /// Generate a scenario (sizes xs, s, m, l) for tests and benchmarks.
    ///
    /// Example: crc plan generate --size m --seed 3 --output m3.json
    Generate {
        /// xs, s, m or l.
        #[arg(long)]
        size: String,
        /// Seed: the same size, seed and knobs give the same scenario.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file.
        #[arg(long, short)]
        output: PathBuf,
        /// Multiplies the fleet.
        #[arg(long, default_value_t = 1.0)]
        fleet: f64,
        /// Multiplies every crossing's throughput.
        #[arg(long, default_value_t = 1.0)]
        crossing: f64,
        /// A transit state that refuses transit (repeatable).
        #[arg(long)]
        refuse: Vec<String>,
    },
    /// Check a plan against its scenario with the independent validator.
    ///
    /// Example: crc plan validate --scenario scenario.json --plan plan.json
    Validate {
        /// Scenario file.
        #[arg(long)]
        scenario: PathBuf,
        /// Plan file.
        #[arg(long)]
        plan: PathBuf,
    },
    /// Import airfields from the OurAirports CSV files (plain or .gz).
    ///
    /// Example: crc plan airfields --airports airports.csv.gz --runways runways.csv.gz --output reference/airfields.json
    Airfields {
        /// OurAirports airports.csv (or .csv.gz).
        #[arg(long)]
        airports: PathBuf,
        /// OurAirports runways.csv (or .csv.gz).
        #[arg(long)]
        runways: PathBuf,
        /// Output JSON file.
        #[arg(long, short)]
        output: PathBuf,
        /// States to keep, as OurAirports iso_country=ISO alpha-3 pairs.
        #[arg(long, default_value = cmd::plan_airfields::MEMBER_STATES)]
        states: String,
        /// Shortest runway kept, metres.
        #[arg(long, default_value_t = 1800)]
        min_runway_m: u32,
        /// Where the files came from, for the note in the output.
        #[arg(long, default_value = "OurAirports airports.csv and runways.csv")]
        source: String,
    },
}

#[derive(Subcommand)]
enum UserCmd {
    /// Add a user; the password is prompted for, or read from standard input.
    ///
    /// Example: echo 'a long passphrase' | crc user add lo.kaz --role liaison_officer --state KAZ --password-stdin
    Add {
        /// Login name.
        username: String,
        /// administrator, duty_officer, planner, liaison_officer or observer.
        #[arg(long)]
        role: String,
        /// Member state (ISO alpha-3); required for liaison officers.
        #[arg(long)]
        state: Option<String>,
        /// Name shown in the console.
        #[arg(long)]
        display_name: Option<String>,
        /// Interface language: en or ru.
        #[arg(long, default_value = "en")]
        locale: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users.
    ///
    /// Example: crc user list
    List,
    /// Set a user's password (ends their sessions).
    ///
    /// Example: crc user set-password lo.kaz
    SetPassword {
        /// Login name.
        username: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Disable a user: no login, sessions ended, tokens stop working.
    ///
    /// Example: crc user disable lo.kaz
    Disable {
        /// Login name.
        username: String,
    },
    /// Enable a disabled user.
    ///
    /// Example: crc user enable lo.kaz
    Enable {
        /// Login name.
        username: String,
    },
    /// Issue an API token for a user (printed once).
    ///
    /// Example: crc user token admin --name prometheus
    Token {
        /// Login name.
        username: String,
        /// A name to recognise the token by.
        #[arg(long)]
        name: String,
        /// Days until it expires; never when left out.
        #[arg(long)]
        days: Option<i64>,
    },
}

#[derive(Subcommand)]
enum ReferenceCmd {
    /// Load reference data idempotently and report what changed.
    ///
    /// Example: crc reference load --file reference/organization.toml
    Load {
        /// A data file; the data bundled with this build when left out.
        #[arg(long)]
        file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum DemoCmd {
    /// Load the demonstration contingents, accounts and the worked crisis example
    /// (the January 2022 operation).
    ///
    /// Example: crc demo load
    Load,
    /// Remove the demonstration contingents and crisis example, and disable the demo accounts.
    ///
    /// Example: crc demo remove
    Remove,
}

#[derive(Subcommand)]
enum CrisisCmd {
    /// What is open now: requests, sessions, decisions, operations, overdue tasks.
    ///
    /// Example: crc crisis board --exercise all
    Board {
        /// real (default), exercises, all or exercise:NAME.
        #[arg(long)]
        exercise: Option<String>,
        /// Print JSON (the API's board document).
        #[arg(long)]
        json: bool,
    },
    /// List records of a kind.
    ///
    /// Example: crc crisis list tasks --overdue
    List {
        /// request, session, decision, operation, force, task, logistics, mode, shift or group
        /// (or the plural).
        kind: String,
        /// Comma-separated statuses.
        #[arg(long)]
        status: Option<String>,
        /// Owning member state (ISO alpha-3).
        #[arg(long)]
        state: Option<String>,
        /// Children of this record.
        #[arg(long)]
        parent: Option<i64>,
        /// Descendants of this request.
        #[arg(long)]
        crisis: Option<i64>,
        /// real (default), exercises, all or exercise:NAME.
        #[arg(long)]
        exercise: Option<String>,
        /// Only open tasks past their deadline.
        #[arg(long)]
        overdue: bool,
        /// Page size, 1..500.
        #[arg(long, default_value_t = 100)]
        limit: i64,
        /// Offset.
        #[arg(long, default_value_t = 0)]
        offset: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show a record and its journal.
    ///
    /// Example: crc crisis show 12
    Show {
        /// Record id.
        id: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Create a record as a user, from a JSON spec.
    ///
    /// Example: crc crisis create request --as lo.kaz --spec request.json
    Create {
        /// The record's kind.
        kind: String,
        /// The acting user (their role and state decide what they may do).
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// The spec as JSON (a file, or - for standard input).
        #[arg(long)]
        spec: PathBuf,
        /// The parent record.
        #[arg(long)]
        parent: Option<i64>,
        /// The exercise it belongs to (records without a parent only).
        #[arg(long)]
        exercise: Option<String>,
        /// organization (default), national or states:ARM,BLR.
        #[arg(long)]
        releasability: Option<String>,
        /// Print the record as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Take one workflow step as a user; an illegal step fails and says why.
    ///
    /// Example: crc crisis do 12 '{"command": "decide", "outcome": "granted"}' --as duty
    Do {
        /// Record id.
        id: i64,
        /// The command as JSON.
        command: String,
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// Only if the record is at this version.
        #[arg(long)]
        if_version: Option<i64>,
        /// Print the record as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Export the journal of the crisis a request began, as JSON or printable HTML.
    ///
    /// Example: crc crisis journal 1 --format html --output journal.html
    Journal {
        /// The request's id.
        request: i64,
        /// json or html.
        #[arg(long, default_value = "json")]
        format: String,
        /// Output file; standard output when left out.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum MonitorCmd {
    /// Import a CAP 1.2 alert or an EDXL-DE 1.0 envelope of alerts, all or none. A refused
    /// file prints its line, column and reason and stores nothing.
    ///
    /// Example: crc monitor import alert.xml --as duty --state TJK
    Import {
        /// The XML file.
        file: PathBuf,
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// The member state whose authorized body sent it (a liaison officer's own always).
        #[arg(long)]
        state: Option<String>,
        /// Releasable to that state only.
        #[arg(long)]
        national: bool,
    },
    /// Ingest a USGS earthquake GeoJSON feed file: its events in or near the regions become
    /// reports; events already ingested are not stored again.
    ///
    /// Example: crc monitor feed all_week.geojson --as admin
    Feed {
        /// The GeoJSON file.
        file: PathBuf,
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// The weakest magnitude taken.
        #[arg(long, default_value_t = 2.5)]
        min_magnitude: f64,
    },
    /// Export the latest 500 reports visible to the user as one EDXL-DE envelope of CAP alerts.
    ///
    /// Example: crc monitor export --as duty --output reports.xml
    Export {
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// One exercise's reports (an Exercise envelope) instead of the real world's.
        #[arg(long)]
        exercise: Option<String>,
        /// Output file (standard output when absent).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// List the latest reports visible to the user, or those holding every one of WORDS.
    ///
    /// Example: crc monitor list --as lo.kaz обстрел
    List {
        /// Words, in Russian or English, any form.
        #[arg(default_value = "")]
        words: String,
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// At most.
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
    /// The threat picture as the user may see it: levels, trends, two weeks drawn as
    /// sparklines, and the alerts raised.
    ///
    /// Example: crc monitor threat --as duty
    Threat {
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
    },
}

#[derive(Subcommand)]
enum ExerciseCmd {
    /// List the catalogue's exercises.
    ///
    /// Example: crc exercise list --year 2025 --host BLR
    List {
        /// Training year.
        #[arg(long)]
        year: Option<i32>,
        /// Series key (interaction, search, rubezh ...).
        #[arg(long)]
        series: Option<String>,
        /// Host state (ISO alpha-3).
        #[arg(long)]
        host: Option<String>,
        /// Kind: strategic_command_staff, command_staff, joint, special,
        /// operational_strategic or tactical_special.
        #[arg(long)]
        kind: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show one exercise.
    ///
    /// Example: crc exercise show interaction_2025
    Show {
        /// The exercise's key.
        key: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add an exercise to the catalogue as a user, from a JSON spec.
    ///
    /// Example: crc exercise add --as planner --spec rubezh-2026.json
    Add {
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// The exercise as JSON (a file, or - for standard input).
        #[arg(long)]
        spec: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Change an exercise at the version read.
    ///
    /// Example: crc exercise update rubezh_2026 --as planner --spec rubezh-2026.json --if-version 1
    Update {
        /// The exercise's key.
        key: String,
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// The exercise as JSON (a file, or - for standard input).
        #[arg(long)]
        spec: PathBuf,
        /// The version read.
        #[arg(long)]
        if_version: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Figures per year: exercises held and planned, personnel, equipment, media stories.
    ///
    /// Example: crc exercise stats --year 2024
    Stats {
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
        /// Print JSON (every figure per year, series, host state and component).
        #[arg(long)]
        json: bool,
    },
    /// The yearly Plan for Joint Training.
    #[command(subcommand)]
    Plan(YearPlanCmd),
    /// Exercise designs.
    #[command(subcommand)]
    Design(DesignCmd),
    /// Master scenario events lists (MSELs) of injects.
    #[command(subcommand)]
    Msel(MselCmd),
    /// Exercise runs.
    #[command(subcommand)]
    Run(RunCmd),
    /// Corrective actions tracked to closure.
    #[command(subcommand)]
    Action(ActionCmd),
    /// Lessons learned.
    #[command(subcommand)]
    Lesson(LessonCmd),
}

#[derive(Subcommand)]
enum ActionCmd {
    /// Agree a corrective action as a user (the Joint Staff).
    ///
    /// Example: crc exercise action add --as planner --file action.json
    Add {
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// The action as JSON: title, details, owner, owner_state, due, exercise, objective.
        #[arg(long)]
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List corrective actions, overdue ones marked.
    List {
        /// Only those of this exercise marking.
        #[arg(long)]
        exercise: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Take one step as a user: start, complete, verify, reject, cancel, amend.
    ///
    /// Example: crc exercise action do 1 '{"command": "complete", "note": "rehearsed"}' --as lo.kaz
    Do {
        /// The action's id.
        id: i64,
        /// The command as JSON.
        command: String,
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
    },
}

#[derive(Subcommand)]
enum LessonCmd {
    /// Write a lesson learned as a user (the Joint Staff).
    Add {
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// The lesson as JSON: title, observation, recommendation, tags, exercise, applies_to.
        #[arg(long)]
        file: PathBuf,
    },
    /// Search lessons by Russian or English words, best match first.
    ///
    /// Example: crc exercise lesson search учения --year 2026
    Search {
        /// The words (none: every lesson).
        #[arg(default_value = "")]
        words: String,
        /// Only those linked into this year's plan.
        #[arg(long)]
        year: Option<i32>,
    },
}

#[derive(Subcommand)]
enum DesignCmd {
    /// Write a design as a user.
    ///
    /// Example: crc exercise design create --as planner --file docs/examples/exercise-design.json --exercise interaction_2025
    Create {
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// The design as JSON (a file, or - for standard input).
        #[arg(long)]
        file: PathBuf,
        /// The key of the catalogue's exercise it is for.
        #[arg(long)]
        exercise: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the designs.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum MselCmd {
    /// Create a design's MSEL as a draft from a CSV file; a refused file prints every problem
    /// with its line and column, and nothing is stored.
    ///
    /// Example: crc exercise msel import 1 --csv docs/examples/exercise-msel.csv --as planner
    Import {
        /// The design's id.
        design: i64,
        /// The CSV file.
        #[arg(long)]
        csv: PathBuf,
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write an MSEL as CSV.
    ///
    /// Example: crc exercise msel export 1 --output msel.csv
    Export {
        /// The MSEL's id.
        id: i64,
        /// Output file (standard output when absent).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Take one step of an MSEL as a user: submit, return, approve (the director), amend.
    ///
    /// Example: crc exercise msel do 1 '{"command": "approve"}' --as planner
    Do {
        /// The MSEL's id.
        id: i64,
        /// The command as JSON.
        command: String,
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum RunCmd {
    /// Show a run's clock and control board.
    ///
    /// Example: crc exercise run show 1
    Show {
        /// The run's id.
        id: i64,
    },
    /// Create a run of a design from one of its MSELs, as control (the director or the Joint Staff).
    ///
    /// Example: crc exercise run create 1 --msel 1 --as planner
    Create {
        /// The design's id.
        design: i64,
        /// The MSEL's id.
        #[arg(long)]
        msel: i64,
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
    },
    /// Drive the exercise clock as control: start, pause, resume, set_speed, jump, end.
    ///
    /// Example: crc exercise run clock 1 '{"command": "start", "scenario_start": "2025-09-01T06:00:00Z"}' --as planner
    Clock {
        /// The run's id.
        id: i64,
        /// The command as JSON.
        command: String,
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
    },
    /// Release, hold or skip injects as control: release, release_overdue, hold, skip.
    ///
    /// Example: crc exercise run control 1 '{"command": "release_overdue"}' --as planner
    Control {
        /// The run's id.
        id: i64,
        /// The command as JSON.
        command: String,
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
    },
}

#[derive(Subcommand)]
enum YearPlanCmd {
    /// Draft a plan as a user: from a JSON spec, or from the catalogue's exercises of a year.
    ///
    /// Example: crc exercise plan create --as planner --year 2025 --title-en "Plan for 2025" --title-ru "План на 2025 год"
    Create {
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// The plan as JSON (a file, or - for standard input).
        #[arg(long, conflicts_with = "year")]
        spec: Option<PathBuf>,
        /// Draft from the catalogue's exercises of this year.
        #[arg(long, requires_all = ["title_en", "title_ru"])]
        year: Option<i32>,
        /// The title in English.
        #[arg(long)]
        title_en: Option<String>,
        /// The title in Russian.
        #[arg(long)]
        title_ru: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show a plan: its versions, coordination, approvals and exercises.
    ///
    /// Example: crc exercise plan show 1
    Show {
        /// The plan's id.
        id: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Take one workflow step as a user; an illegal step fails and says why.
    ///
    /// Example: crc exercise plan do 1 '{"command": "answer", "state": "KAZ", "answer": "agrees"}' --as lo.kaz
    Do {
        /// The plan's id.
        id: i64,
        /// The command as JSON.
        command: String,
        /// The acting user.
        #[arg(long = "as", value_name = "USER")]
        user: String,
        /// Only if the plan is at this version.
        #[arg(long)]
        if_version: Option<i64>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// What the plan gets wrong.
    ///
    /// Example: crc exercise plan conflicts 1
    Conflicts {
        /// The plan's id.
        id: i64,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the plan as iCalendar.
    ///
    /// Example: crc exercise plan ics 1 --output plan-2025.ics
    Ics {
        /// The plan's id.
        id: i64,
        /// Output file.
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Write the plan as a printable HTML document.
    ///
    /// Example: crc exercise plan print 1 --output plan-2025.html
    Print {
        /// The plan's id.
        id: i64,
        /// Output file.
        #[arg(long, short)]
        output: PathBuf,
    },
}

async fn run_monitor(config: &config::Config, c: MonitorCmd) -> anyhow::Result<()> {
    use cmd::monitor as m;
    match c {
        MonitorCmd::Import {
            file,
            user,
            state,
            national,
        } => m::import(config, &user, &file, state.as_deref(), national).await,
        MonitorCmd::Feed {
            file,
            user,
            min_magnitude,
        } => m::feed(config, &user, &file, min_magnitude).await,
        MonitorCmd::Export {
            user,
            exercise,
            output,
        } => m::export(config, &user, exercise.as_deref(), output.as_deref()).await,
        MonitorCmd::List { words, user, limit } => m::list(config, &user, &words, limit).await,
        MonitorCmd::Threat { user } => m::threat(config, &user).await,
    }
}

async fn run_exercise(config: &config::Config, c: ExerciseCmd) -> anyhow::Result<()> {
    use cmd::exercise as x;
    use cmd::exercise_conduct as xc;
    match c {
        ExerciseCmd::List {
            year,
            series,
            host,
            kind,
            json,
        } => {
            x::list(
                config,
                &x::ListArgs {
                    year,
                    series,
                    host,
                    kind,
                    json,
                },
            )
            .await
        }
        ExerciseCmd::Show { key, json } => x::show(config, &key, json).await,
        ExerciseCmd::Add { user, spec, json } => x::save(config, &user, &spec, None, json).await,
        ExerciseCmd::Update {
            key,
            user,
            spec,
            if_version,
            json,
        } => x::save(config, &user, &spec, Some((key.as_str(), if_version)), json).await,
        ExerciseCmd::Stats { year, json } => x::stats(config, year, json).await,
        ExerciseCmd::Plan(YearPlanCmd::Create {
            user,
            spec,
            year,
            title_en,
            title_ru,
            json,
        }) => {
            let source = match (&spec, year, &title_en, &title_ru) {
                (Some(path), None, _, _) => x::PlanSource::Spec(path),
                (None, Some(year), Some(en), Some(ru)) => x::PlanSource::Catalogue { year, en, ru },
                _ => anyhow::bail!(
                    "give --spec FILE, or --year with --title-en and --title-ru to draft from the catalogue"
                ),
            };
            x::plan_create(config, &user, source, json).await
        }
        ExerciseCmd::Plan(YearPlanCmd::Show { id, json }) => x::plan_show(config, id, json).await,
        ExerciseCmd::Design(DesignCmd::Create {
            user,
            file,
            exercise,
            json,
        }) => xc::design_create(config, &user, &file, exercise.as_deref(), json).await,
        ExerciseCmd::Design(DesignCmd::List { json }) => xc::design_list(config, json).await,
        ExerciseCmd::Msel(MselCmd::Import {
            design,
            csv,
            user,
            json,
        }) => xc::msel_import(config, design, &csv, &user, json).await,
        ExerciseCmd::Msel(MselCmd::Export { id, output }) => {
            xc::msel_export(config, id, output.as_deref()).await
        }
        ExerciseCmd::Msel(MselCmd::Do {
            id,
            command,
            user,
            json,
        }) => xc::msel_do(config, id, &command, &user, json).await,
        ExerciseCmd::Run(RunCmd::Show { id }) => xc::run_show(config, id).await,
        ExerciseCmd::Run(RunCmd::Create { design, msel, user }) => {
            xc::run_create(config, design, msel, &user).await
        }
        ExerciseCmd::Run(RunCmd::Clock { id, command, user }) => {
            xc::run_command(config, id, &command, &user, true).await
        }
        ExerciseCmd::Run(RunCmd::Control { id, command, user }) => {
            xc::run_command(config, id, &command, &user, false).await
        }
        ExerciseCmd::Action(ActionCmd::Add { user, file, json }) => {
            xc::action_add(config, &user, &file, json).await
        }
        ExerciseCmd::Action(ActionCmd::List { exercise, json }) => {
            xc::action_list(config, exercise.as_deref(), json).await
        }
        ExerciseCmd::Action(ActionCmd::Do { id, command, user }) => {
            xc::action_do(config, id, &command, &user).await
        }
        ExerciseCmd::Lesson(LessonCmd::Add { user, file }) => {
            xc::lesson_add(config, &user, &file).await
        }
        ExerciseCmd::Lesson(LessonCmd::Search { words, year }) => {
            xc::lesson_search(config, &words, year).await
        }
        ExerciseCmd::Plan(YearPlanCmd::Do {
            id,
            command,
            user,
            if_version,
            json,
        }) => x::plan_do(config, id, &command, &user, if_version, json).await,
        ExerciseCmd::Plan(YearPlanCmd::Conflicts { id, json }) => {
            x::plan_conflicts(config, id, json).await
        }
        ExerciseCmd::Plan(YearPlanCmd::Ics { id, output }) => {
            x::plan_document(config, id, false, &output).await
        }
        ExerciseCmd::Plan(YearPlanCmd::Print { id, output }) => {
            x::plan_document(config, id, true, &output).await
        }
    }
}

#[derive(Subcommand)]
enum AuditCmd {
    /// Verify the hash chain; exits 1 and names each altered or removed entry.
    ///
    /// Example: crc audit verify
    Verify,
}

#[derive(Subcommand)]
enum ConfigCmd {
    /// Print the default configuration file.
    ///
    /// Example: crc config default > crc.toml
    Default,
    /// Print the effective configuration (secrets redacted).
    ///
    /// Example: CRC_BIND=0.0.0.0:9000 crc config show
    Show,
}

async fn run_crisis(config: &config::Config, c: CrisisCmd) -> anyhow::Result<()> {
    use cmd::crisis;
    match c {
        CrisisCmd::Board { exercise, json } => {
            crisis::board(config, exercise.as_deref(), json).await
        }
        CrisisCmd::List {
            kind,
            status,
            state,
            parent,
            crisis: of,
            exercise,
            overdue,
            limit,
            offset,
            json,
        } => {
            crisis::list(
                config,
                &crisis::ListArgs {
                    kind,
                    status,
                    state,
                    parent,
                    crisis: of,
                    exercise,
                    overdue,
                    limit,
                    offset,
                    json,
                },
            )
            .await
        }
        CrisisCmd::Show { id, json } => crisis::show(config, id, json).await,
        CrisisCmd::Create {
            kind,
            user,
            spec,
            parent,
            exercise,
            releasability,
            json,
        } => {
            crisis::create(
                config,
                &crisis::CreateArgs {
                    kind: &kind,
                    user: &user,
                    spec: &spec,
                    parent,
                    exercise: exercise.as_deref(),
                    releasability: releasability.as_deref(),
                    json,
                },
            )
            .await
        }
        CrisisCmd::Do {
            id,
            command,
            user,
            if_version,
            json,
        } => crisis::command(config, id, &command, &user, if_version, json).await,
        CrisisCmd::Journal {
            request,
            format,
            output,
        } => crisis::journal(config, request, &format, output.as_deref()).await,
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Config(ConfigCmd::Default) = cli.command {
        cmd::config::default();
        return ExitCode::SUCCESS;
    }
    let mut config = match config::Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::from(2);
        }
    };
    if let Some(db) = cli.database {
        config.database_url = db.into();
    }
    logging::init(&config.log_format, &config.log_level);
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result: anyhow::Result<bool> = rt.block_on(async {
        match cli.command {
            Command::Serve { bind, demo } => {
                if let Some(b) = bind {
                    config.bind = b;
                }
                config.demo |= demo;
                cmd::serve::run(&config).await.map(|_| true)
            }
            Command::Migrate => cmd::migrate::run(&config).await.map(|_| true),
            Command::User(u) => match u {
                UserCmd::Add {
                    username,
                    role,
                    state,
                    display_name,
                    locale,
                    password_stdin,
                } => cmd::user::add(
                    &config,
                    &username,
                    &role,
                    state.as_deref(),
                    display_name.as_deref(),
                    &locale,
                    password_stdin,
                )
                .await
                .map(|_| true),
                UserCmd::List => cmd::user::list(&config).await.map(|_| true),
                UserCmd::SetPassword {
                    username,
                    password_stdin,
                } => cmd::user::set_password(&config, &username, password_stdin)
                    .await
                    .map(|_| true),
                UserCmd::Disable { username } => cmd::user::set_disabled(&config, &username, true)
                    .await
                    .map(|_| true),
                UserCmd::Enable { username } => cmd::user::set_disabled(&config, &username, false)
                    .await
                    .map(|_| true),
                UserCmd::Token {
                    username,
                    name,
                    days,
                } => cmd::user::token(&config, &username, &name, days)
                    .await
                    .map(|_| true),
            },
            Command::Reference(ReferenceCmd::Load { file }) => {
                cmd::reference::load(&config, file.as_deref())
                    .await
                    .map(|_| true)
            }
            Command::Demo(DemoCmd::Load) => cmd::demo::load(&config).await.map(|_| true),
            Command::Demo(DemoCmd::Remove) => cmd::demo::remove(&config).await.map(|_| true),
            Command::Crisis(c) => run_crisis(&config, c).await.map(|_| true),
            Command::Exercise(c) => run_exercise(&config, c).await.map(|_| true),
            Command::Monitor(c) => run_monitor(&config, c).await.map(|_| true),
            Command::Export { output } => cmd::transfer::export(&config, output.as_deref())
                .await
                .map(|_| true),
            Command::Import { input } => cmd::transfer::import(&config, &input).await.map(|_| true),
            Command::Audit(AuditCmd::Verify) => cmd::audit::verify(&config).await,
            Command::Config(ConfigCmd::Show) => cmd::config::show(&config).map(|_| true),
            Command::Config(ConfigCmd::Default) => Ok(true),
            Command::Plan(PlanArgs { sub: None, input, output, time_limit, seed, effort, what_if, diff, quiet }) => {
                match (input, output) {
                    (Some(input), Some(output)) => cmd::plan::run(&cmd::plan::RunArgs {
                        input,
                        output,
                        time_limit,
                        seed,
                        effort,
                        what_if,
                        diff,
                        quiet,
                    })
                    .map(|_| true),
                    _ => Err(anyhow::anyhow!("crc plan needs --input SCENARIO and --output PLAN (or a subcommand: generate, validate, airfields)")),
                }
            }
            Command::Plan(PlanArgs { sub: Some(PlanCmd::Generate { size, seed, output, fleet, crossing, refuse }), .. }) => {
                cmd::plan::generate_cmd(&size, seed, &output, fleet, crossing, &refuse).map(|_| true)
            }
            Command::Plan(PlanArgs { sub: Some(PlanCmd::Validate { scenario, plan }), .. }) => {
                cmd::plan::validate_cmd(&scenario, &plan)
            }
            Command::Plan(PlanArgs { sub: Some(PlanCmd::Airfields {
                airports,
                runways,
                output,
                states,
                min_runway_m,
                source,
            }), .. }) => cmd::plan_airfields::run(&cmd::plan_airfields::Args {
                airports,
                runways,
                output,
                states,
                min_runway_m,
                source,
            })
            .map(|_| true),
        }
    });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
