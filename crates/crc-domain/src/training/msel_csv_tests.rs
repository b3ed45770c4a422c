//! Tests of the MSEL's CSV form: the header, every problem with its line and column, and
//! the round trip.

use proptest::prelude::*;

use super::*;
use crate::training::design::tests::design;
use crate::training::msel::tests::{inject, k, msel};

const HEAD: &str = "number,offset,storyline,sender,recipients,channel,subject,message,expected_actions,objectives\n";

fn problems(text: &str) -> Vec<String> {
    match import(text, &design()) {
        Ok(m) => panic!("accepted: {m:?}"),
        Err(CsvErrors(v)) => v.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn a_good_file_is_read_whole() {
    let text = format!(
        "{HEAD}1,D+0 00:00,border,gov,js-ops; kaz-lo,message,\"Border, north\",\"Line one\nline \"\"two\"\"\",Report.,O1;O2\n\
         2,D+1 06:30,,press,rus-lo,media,Статья о Казахстане,Текст,,\n"
    );
    let m = import(&text, &design()).unwrap();
    assert_eq!(m.injects.len(), 2);
    let first = &m.injects[0];
    assert_eq!(first.recipients, vec![k("js-ops"), k("kaz-lo")]);
    assert_eq!(first.subject, "Border, north");
    assert_eq!(first.message, "Line one\nline \"two\"");
    assert_eq!(first.objectives, vec![k("O1"), k("O2")]);
    assert_eq!(m.injects[1].storyline, None);
    assert_eq!(m.injects[1].channel, Channel::Media);
    assert_eq!(m.injects[1].offset.to_string(), "D+1 06:30");
    // A byte-order mark and columns in another order are fine.
    let reordered = "\u{feff}offset,number,storyline,sender,recipients,channel,subject,message,expected_actions,objectives\n\
                     D+0 00:10,7,,gov,js-ops,email,S,M,,\n";
    let m = import(reordered, &design()).unwrap();
    assert_eq!(
        (m.injects[0].number, m.injects[0].offset.minutes()),
        (7, 10)
    );
}

#[test]
fn a_wrong_header_names_missing_unknown_and_repeated_columns() {
    let got = problems("number,offset,storyline,sender,recipient,channel,subject,message,message,objectives\n1,D+0 00:00,,gov,js-ops,email,S,M,,\n");
    assert_eq!(
        got,
        [
            "line 1, column recipient: unknown column `recipient`",
            "line 1, column message: column `message` appears twice",
            "line 1, column recipients: missing column `recipients`",
            "line 1, column expected_actions: missing column `expected_actions`",
        ]
    );
    assert_eq!(problems("").len(), 1);
    assert!(problems("")[0].starts_with("line 1: the file is empty"));
}

#[test]
fn every_bad_cell_is_reported_with_line_and_column() {
    let text = format!(
        "{HEAD}1,D+0 00:00,border,gov,js-ops,message,Fine,Text,,\n\
         2,D+1 6:30,border,gov,js-ops,fax,Bad time and channel,Text,,\n\
         x,D+0 01:00,nowhere,ghost,\"js-ops;nobody\",email,,Text,,O9\n\
         1,D+0 02:00,,gov,js-ops,email,Same number,Text,,\n\
         5,D+0 03:00,,gov\n\
         6,D+0 04:00,,gov,\"bad key\",email,\"Multi\nline subject\",Text,,\n"
    );
    assert_eq!(
        problems(&text),
        [
            "line 3, column offset: `D+1 6:30` is not an offset of the form D+<days> <HH>:<MM> (e.g. D+1 06:30)",
            "line 3, column channel: `fax` is not a channel (email, phone, radio, message, media, in_person)",
            "line 4, column number: `x` is not a whole number",
            "line 5, column number: 1 is also the number of the inject on line 2",
            "line 6: has 4 cells; the header has 10",
            "line 7, column recipients: `bad key` is not a key (1 to 40 ASCII letters, digits, `-`, `_` or `.`, starting with a letter or digit)",
        ]
    );
    // With the parse errors fixed, the checks against the design are reported, all of them.
    let text = format!("{HEAD}3,D+0 01:00,nowhere,ghost,\"js-ops;nobody\",email,,Text,,O9\n");
    assert_eq!(
        problems(&text),
        [
            "line 2, column storyline: no storyline `nowhere` in the design",
            "line 2, column sender: no simulated actor `ghost` in the design",
            "line 2, column recipients: no participant `nobody` in the design",
            "line 2, column subject: must not be empty",
            "line 2, column objectives: no objective `O9` in the design",
        ]
    );
    let e: DomainError = import(&text, &design()).unwrap_err().into();
    assert!(
        e.to_string().starts_with("csv: line 2, column storyline: "),
        "{e}"
    );
}

#[test]
fn export_writes_the_header_and_the_schedule() {
    let mut m = msel();
    m.injects.reverse();
    let text = export(&m).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(HEAD.trim_end()));
    assert!(lines
        .next()
        .is_some_and(|l| l.starts_with("1,D+0 00:00,border,gov,js-ops;kaz-lo,message,")));
    let back = import(&text, &design()).unwrap();
    assert_eq!(back.injects, msel().injects);
}

fn text(one_line: bool) -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Kazakhstan",
        "Казахстан",
        ",",
        "\"",
        "'",
        ";",
        " ",
        "ёлка",
        "D+1",
        "=SUM(A1)",
        "\t",
        "a",
        "\n",
        "\r\n",
    ]);
    prop::collection::vec(pieces, 1..8).prop_map(move |v| {
        let s: String = v
            .concat()
            .chars()
            .filter(|c| !one_line || !c.is_control())
            .collect();
        if s.trim().is_empty() {
            "x".to_owned()
        } else {
            s
        }
    })
}

proptest! {
    #[test]
    fn export_then_import_gives_the_same_msel(
        rows in prop::collection::vec(
            (0u32..3000, prop::sample::subsequence(vec!["js-ops", "kaz-lo", "rus-lo"], 1..=3),
             prop::sample::select(Channel::ALL.to_vec()), text(true), text(false), text(false),
             prop::bool::ANY),
            0..12,
        )
    ) {
        let injects = rows.into_iter().enumerate().map(|(n, (minutes, to, channel, subject, message, expected, story))| {
            let mut i = inject(n as u32 + 1, "D+0 00:00");
            i.offset = Offset::new(minutes / 1440, (minutes % 1440) / 60, minutes % 60).unwrap();
            i.recipients = to.into_iter().map(k).collect();
            i.channel = channel;
            i.subject = subject;
            i.message = message;
            i.expected_actions = expected;
            i.storyline = story.then(|| k("media"));
            i.objectives = if story { vec![] } else { vec![k("O2"), k("O1")] };
            i
        }).collect();
        let m = MselSpec { injects };
        let d = design();
        prop_assert_eq!(m.check(&d), Ok(()));
        let back = import(&export(&m).unwrap(), &d);
        let schedule: Vec<Inject> = m.schedule().into_iter().cloned().collect();
        prop_assert_eq!(back.map(|b| b.injects), Ok(schedule));
    }
}
