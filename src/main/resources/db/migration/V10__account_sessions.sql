-- Browser sessions (the login form's cookie) of an account issued at or before this instant are no longer
-- accepted: set by a sign-out, a password reset and a disable (EmbeddedSessionAuthenticator).
alter table account add column sessions_valid_after timestamptz;
