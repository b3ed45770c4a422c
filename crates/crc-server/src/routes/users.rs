//! User administration (administrators only).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use crc_domain::identity::{check_password, check_role_state, Role, Username};
use crc_domain::policy::{authorize, Action};
use crc_domain::StateCode;
use crc_storage::NewUser;

use crate::auth::{hash_password, Auth};
use crate::error::{ApiError, ApiResult};
use crate::extract::ApiJson;
use crate::routes::session::check_locale;
use crate::state::AppState;
use crate::wire::{UserIn, UserOut, UserPatch};

/// All users.
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    responses((status = 200, body = [UserOut]), (status = 403, body = crate::error::ErrorBody)))]
pub async fn list(State(st): State<AppState>, auth: Auth) -> ApiResult<Json<Vec<UserOut>>> {
    authorize(&auth.principal, &Action::ManageUsers)?;
    Ok(Json(
        st.store
            .list_users()
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// Creates a user.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = UserIn,
    responses((status = 201, body = UserOut), (status = 400, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)))]
pub async fn create(
    State(st): State<AppState>,
    auth: Auth,
    ApiJson(body): ApiJson<UserIn>,
) -> ApiResult<(StatusCode, Json<UserOut>)> {
    authorize(&auth.principal, &Action::ManageUsers)?;
    let username = Username::parse(&body.username)?;
    let role: Role = body.role.parse()?;
    let state = body.state.as_deref().map(StateCode::parse).transpose()?;
    check_role_state(role, state.as_ref())?;
    check_password(&body.password)?;
    check_locale(&body.locale)?;
    let display = body.display_name.trim();
    if display.is_empty() || display.chars().count() > 200 {
        return Err(ApiError::invalid("display_name", "1 to 200 characters"));
    }
    let password = body.password.clone();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(ApiError::internal)??;
    let u = st
        .store
        .create_user(
            auth.actor(),
            &NewUser {
                username,
                display_name: display.to_owned(),
                role,
                state,
                locale: body.locale,
                password_hash: hash,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(u.into())))
}

/// Disables or enables a user, sets a password or the locale.
#[utoipa::path(patch, path = "/api/v1/users/{username}", tag = "users", request_body = UserPatch,
    params(("username" = String, Path, description = "Login name")),
    responses((status = 200, body = UserOut), (status = 400, body = crate::error::ErrorBody),
              (status = 403, body = crate::error::ErrorBody), (status = 404, body = crate::error::ErrorBody)))]
pub async fn patch(
    State(st): State<AppState>,
    auth: Auth,
    Path(username): Path<String>,
    ApiJson(body): ApiJson<UserPatch>,
) -> ApiResult<Json<UserOut>> {
    authorize(&auth.principal, &Action::ManageUsers)?;
    let UserPatch {
        disabled,
        password,
        locale,
    } = body;
    if disabled.is_none() && password.is_none() && locale.is_none() {
        return Err(ApiError::invalid("body", "nothing to change"));
    }
    // Check everything before changing anything.
    if let Some(p) = &password {
        check_password(p)?;
    }
    if let Some(l) = &locale {
        check_locale(l)?;
    }
    if disabled == Some(true) && username == auth.principal.username {
        return Err(ApiError::invalid(
            "disabled",
            "you cannot disable your own account",
        ));
    }
    let mut user = None;
    if let Some(p) = password {
        let hash = tokio::task::spawn_blocking(move || hash_password(&p))
            .await
            .map_err(ApiError::internal)??;
        user = Some(
            st.store
                .set_password(auth.actor(), &username, &hash)
                .await?,
        );
    }
    if let Some(d) = disabled {
        user = Some(st.store.set_disabled(auth.actor(), &username, d).await?);
    }
    if let Some(l) = locale {
        user = Some(st.store.set_locale(auth.actor(), &username, &l).await?);
    }
    st.auth_cache.clear();
    user.map(|u| Json(u.into()))
        .ok_or_else(|| ApiError::internal("no change applied"))
}
