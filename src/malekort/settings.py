"""Django settings. Everything that differs between machines comes from the environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("MALEKORT_PROJECT_DIR", PACKAGE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("MALEKORT_VAR_DIR", PROJECT_DIR / "var"))


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


# Debug is for a developer's machine only: `make demo` and the tests turn it on.
DEBUG = _flag("MALEKORT_DEBUG", False)
SECRET_KEY = os.environ.get("MALEKORT_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("MALEKORT_SECRET_KEY must be set when MALEKORT_DEBUG is off")
    SECRET_KEY = "dev-only-not-secret"
ALLOWED_HOSTS = [h for h in os.environ.get("MALEKORT_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("MALEKORT_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "malekort.ops.staticfiles.StaticFilesConfig",
    "django.contrib.humanize",
    "malekort.areas",
    "malekort.figures",
    "malekort.access",
    "malekort.registration",
    "malekort.indicators",
    "malekort.scorecard",
    "malekort.statistics",
    "malekort.followup",
    "malekort.demo",
    "malekort.kostra",
    "malekort.ops",
]

MIDDLEWARE = [
    # Health and metrics answer first: probes and scrapers come by pod IP over plain HTTP.
    "malekort.ops.middleware.HealthMiddleware",
    "malekort.ops.middleware.RequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "malekort.ops.middleware.SessionIdleMiddleware",
    "malekort.statistics.lag.AggregatesLagMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "malekort.web.middleware.RefuseNulCharacters",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "malekort.urls"
WSGI_APPLICATION = "malekort.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "malekort.registration.context.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'malekort.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Several writers (the web and a command) must wait for each other, not fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål")]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Debug runs serve the source folders, and WhiteNoise serves STATIC_ROOT ahead of them: a folder of their own,
# so that what a production run collected earlier (an older app.css, say) is never served in its place.
STATIC_ROOT = VAR_DIR / ("static-debug" if DEBUG else "static")
NODE_MODULES = Path(os.environ.get("MALEKORT_NODE_MODULES", PROJECT_DIR / "node_modules"))
# Aksel's CSS, htmx and the Source Sans 3 font come from npm (package.json); nothing third-party is copied in.
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [
    PACKAGE_DIR / "static",
    ("aksel", NODE_MODULES / "@navikt" / "ds-css" / "dist"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("fonts", NODE_MODULES / "@fontsource-variable" / "source-sans-3" / "files"),
]
# The application serves its own static files (WhiteNoise): hashed and compressed names, collected by
# `malekort serve` into var/static. A developer's machine and the tests read the source folders directly.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = os.environ.get("MALEKORT_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("MALEKORT_FROM_EMAIL", "malekort@nav.no")
MALEKORT_REMINDER_DAYS_BEFORE = int(os.environ.get("MALEKORT_REMINDER_DAYS_BEFORE", "3"))
MALEKORT_NOTICE_DAYS_AFTER = int(os.environ.get("MALEKORT_NOTICE_DAYS_AFTER", "1"))

# Shown in the header when the database holds synthetic figures.
MALEKORT_SSB_DIR = os.environ.get("MALEKORT_SSB_DIR", "")
MALEKORT_KLASS_URL = os.environ.get("MALEKORT_KLASS_URL", "https://data.ssb.no/api/klass/v1")
MALEKORT_SSB_PXWEB_URL = os.environ.get("MALEKORT_SSB_PXWEB_URL", "https://data.ssb.no/api/pxwebapi/v2")

# The address links in e-mails point to; empty when unknown.
MALEKORT_BASE_URL = os.environ.get("MALEKORT_BASE_URL", "")
# How long a process serving requests may go without looking for changes to the aggregates (statistics.lag).
MALEKORT_AGGREGATES_LAG_SECONDS = float(os.environ.get("MALEKORT_AGGREGATES_LAG_SECONDS", "1"))

# --- Production: HTTPS behind NAIS's proxy, security headers, sessions, logs -------------------------
# The proxy ends TLS and says so in X-Forwarded-Proto. MALEKORT_HTTPS=0 serves plain HTTP with debug off
# (the load test on this machine); never in production.
HTTPS = _flag("MALEKORT_HTTPS", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^isalive$", r"^isready$", r"^metrics$"]
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# A session ends after this long without a request (renewed at most once a minute by
# malekort.ops.middleware.SessionIdleMiddleware, instead of SESSION_SAVE_EVERY_REQUEST's write per request).
SESSION_COOKIE_AGE = int(os.environ.get("MALEKORT_SESSION_IDLE_MINUTES", "60")) * 60
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: every page's CSS and JavaScript are files of our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# JSON lines on standard output, each with the request's id; see malekort/ops/logs.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "malekort.ops.logs.RequestIdFilter"},
        "client_errors": {"()": "malekort.ops.logs.ClientErrorsWithoutTraceback"},
    },
    "formatters": {"json": {"()": "malekort.ops.logs.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler", "stream": "ext://sys.stdout",
            "formatter": "json", "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("MALEKORT_LOG_LEVEL", "INFO")},
    "loggers": {
        # Requests are logged once, by malekort.ops (without query strings or user names).
        "django.server": {"level": "WARNING"},
        "django.request": {"filters": ["client_errors"]},
    },
}
# ---------------------------------------------------------------------------
# Login (owned by the login app, malekort/login): OpenID Connect through Entra ID,
# local passwords for development and the demo only, lockout after failed passwords.
# Every variable is described in the README under "Login".
# ---------------------------------------------------------------------------
from malekort.login.grants import GroupRolesError, parse_group_roles  # noqa: E402  (plain Python, no Django)

INSTALLED_APPS += ["axes", "malekort.login"]
# django-axes turns a lockout into the lockout page; it belongs last.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "malekort.login.backends.SessionBackend",
    "malekort.login.backends.LocalPasswordBackend",
]
MALEKORT_LOCAL_LOGIN = _flag("MALEKORT_LOCAL_LOGIN", False)
MALEKORT_ACCESS_CONTACT = os.environ.get(
    "MALEKORT_ACCESS_CONTACT", "forvalteren av Målekort i Arbeids- og velferdsdirektoratet"
)


def _oidc(name: str, nais_name: str = "", default: str = "") -> str:
    """Return MALEKORT_OIDC_<name>, else the variable NAIS sets for an Entra ID app, else the default."""
    return os.environ.get(f"MALEKORT_OIDC_{name}") or (os.environ.get(nais_name, "") if nais_name else "") or default


MALEKORT_OIDC_ISSUER = _oidc("ISSUER", "AZURE_OPENID_CONFIG_ISSUER")
MALEKORT_OIDC_DISCOVERY_URL = _oidc("DISCOVERY_URL", "AZURE_APP_WELL_KNOWN_URL")
MALEKORT_OIDC_AUTHORIZATION_ENDPOINT = _oidc("AUTHORIZATION_ENDPOINT")
MALEKORT_OIDC_TOKEN_ENDPOINT = _oidc("TOKEN_ENDPOINT")
MALEKORT_OIDC_JWKS_URI = _oidc("JWKS_URI")
MALEKORT_OIDC_CLIENT_ID = _oidc("CLIENT_ID", "AZURE_APP_CLIENT_ID")
MALEKORT_OIDC_CLIENT_SECRET = _oidc("CLIENT_SECRET", "AZURE_APP_CLIENT_SECRET")
MALEKORT_OIDC_SCOPES = _oidc("SCOPES", default="openid profile")
MALEKORT_OIDC_REDIRECT_URI = _oidc("REDIRECT_URI")
MALEKORT_OIDC_END_SESSION_ENDPOINT = _oidc("END_SESSION_ENDPOINT")
MALEKORT_OIDC_POST_LOGOUT_REDIRECT_URI = _oidc("POST_LOGOUT_REDIRECT_URI")
MALEKORT_OIDC_IDENT_CLAIM = _oidc("IDENT_CLAIM", default="NAVident")
MALEKORT_OIDC_GROUPS_CLAIM = _oidc("GROUPS_CLAIM", default="groups")
try:
    MALEKORT_OIDC_GROUP_ROLES = parse_group_roles(os.environ.get("MALEKORT_OIDC_GROUP_ROLES", ""))
except GroupRolesError as _error:
    raise RuntimeError(f"MALEKORT_OIDC_GROUP_ROLES: {_error}") from None

# Five wrong passwords for one user name lock it for 15 minutes (malekort/login/views.py says so in Norwegian).
# Only the user name counts: no IP address is stored, and no login is logged.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "malekort.login.backends.no_client_address"
AXES_LOCKOUT_CALLABLE = "malekort.login.views.locked_out"
# axes warns when the IP address is not a lockout key; locking the user name alone is the stricter
# choice (rotating addresses does not help a guesser), and it spares us storing addresses.
SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "axes.W006"]
