"""Settings for every process (web, worker, beat, manage.py); embedded defaults, production via env.

Embedded defaults: SQLite under var/, an embedded Redis (see kairship_ui/embedded_redis.py),
the sandbox Karmada. Production sets DATABASE_URL, REDIS_URL, KAIRSHIP_SECRET_KEY,
KAIRSHIP_ALLOWED_HOSTS, KAIRSHIP_CREDENTIALS_KEY and KAIRSHIP_DEBUG=0.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

import dj_database_url

from .env import config_error, env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("KAIRSHIP_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("KAIRSHIP_DEBUG", True)
_INSECURE_DEV_KEY = "insecure-dev-key-only-for-the-embedded-setup"
SECRET_KEY = env_secret("KAIRSHIP_SECRET_KEY", _INSECURE_DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    config_error("KAIRSHIP_SECRET_KEY", "must be set when KAIRSHIP_DEBUG=0")
ALLOWED_HOSTS = env_list(
    "KAIRSHIP_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("KAIRSHIP_CSRF_TRUSTED_ORIGINS", [])


def _credentials_key() -> str:
    """Fernet key for kubeconfigs and tokens at rest; derived from SECRET_KEY only in debug."""
    key = env_secret("KAIRSHIP_CREDENTIALS_KEY")
    if key:
        try:
            if len(base64.urlsafe_b64decode(key.encode())) != 32:
                raise ValueError
        except ValueError:
            config_error(
                "KAIRSHIP_CREDENTIALS_KEY", "must be a urlsafe base64 Fernet key (32 bytes)"
            )
        return key
    if not DEBUG:
        config_error("KAIRSHIP_CREDENTIALS_KEY", "must be set when KAIRSHIP_DEBUG=0")
    return base64.urlsafe_b64encode(hashlib.sha256(SECRET_KEY.encode()).digest()).decode()


KAIRSHIP_CREDENTIALS_KEY = _credentials_key()

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "channels",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "template_partials",
    "kairship_ui",
    "tenants",
    "clusters",
    "workloads",
    "karmada_sandbox",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "kairship_ui.urls"
ASGI_APPLICATION = "kairship_ui.asgi.application"
WSGI_APPLICATION = "kairship_ui.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kairship_ui.context_processors.navigation",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    },
]


def _database() -> dict:
    url = env_str("DATABASE_URL")
    if not url:  # the embedded default
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'kairship.sqlite3'}"
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("KAIRSHIP_DB_CONN_MAX_AGE", 0))
    except Exception as exc:  # dj_database_url raises plain ValueError/KeyError variants
        config_error("DATABASE_URL", f"cannot parse {url.split('@')[-1]!r}: {exc}")
    if not config.get("ENGINE"):
        config_error("DATABASE_URL", "unsupported database scheme")
    if config["ENGINE"].endswith("sqlite3"):
        # Web, worker, beat and sync write at once: WAL, immediate transactions, a busy wait.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMBEDDED_REDIS_PORT = env_int("KAIRSHIP_EMBEDDED_REDIS_PORT", 6390)
REDIS_URL = env_str("REDIS_URL", f"redis://127.0.0.1:{EMBEDDED_REDIS_PORT}/0")
REDIS_IS_EMBEDDED = not os.environ.get("REDIS_URL")

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {"hosts": [REDIS_URL], "prefix": env_str("KAIRSHIP_CHANNEL_PREFIX", "kairship")},
    }
}

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("KAIRSHIP_CELERY_EAGER", False)
CELERY_TASK_DEFAULT_QUEUE = env_str("KAIRSHIP_CELERY_QUEUE", "celery")
CELERY_BEAT_SCHEDULE = {
    "check-instances": {
        "task": "clusters.check_all_instances",
        "schedule": env_int("KAIRSHIP_HEALTH_CHECK_SECONDS", 30),
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "overview"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("KAIRSHIP_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# In debug the static files are served straight from static/ (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kairship_ui.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kairship UI API",
    "DESCRIPTION": "Manage Karmada instances, member clusters, workloads and policies.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "ENUM_NAME_OVERRIDES": {"OutcomeEnum": "kairship_ui.models.Outcome"},
    "SWAGGER_UI_DIST": "/static/dist/swagger-ui",
    "SWAGGER_UI_FAVICON_HREF": "/static/dist/swagger-ui/favicon-32x32.png",
}

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("KAIRSHIP_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("KAIRSHIP_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "kairship_ui.redaction.RedactingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env_str("KAIRSHIP_LOG_LEVEL", "INFO")},
}

# How many audit rows / list rows a page shows.
KAIRSHIP_PAGE_SIZE = env_int("KAIRSHIP_PAGE_SIZE", 50)
