# JupyterHub configuration for a tradeoff-lab class.
#
# One file serves both the local hub (`npm run hub`, for trying the setup)
# and the tests; the README shows how the same pieces map onto a real
# deployment (PAM or OAuth, KubeSpawner on Zero to JupyterHub). Everything
# that differs between machines comes from TRADEOFF_HUB_* variables, which
# kernel-setup/hub/hub.ts sets; nothing here is evaluated from user input.
#
# What a learner gets:
# - the project's tslab kernel and library, installed once for everybody:
#   the kernelspec lives in a shared Jupyter data dir (JUPYTER_PATH), and
#   the learner's folder links `node_modules` to the shared, read-only
#   install, so no learner runs `npm install`;
# - their own copy of the learner notebooks on first login, copied file by
#   file and never overwritten (nbgitpuller's rule: the learner's edits win);
#   never a shared writable folder.
import os
import pwd
import shutil

from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner

env = os.environ
c = get_config()  # noqa: F821 (provided by JupyterHub)

port = int(env["TRADEOFF_HUB_PORT"])
state = env["TRADEOFF_HUB_STATE"]
checkout = env["TRADEOFF_HUB_CHECKOUT"]
share = env["TRADEOFF_HUB_SHARE"]
marker = env["TRADEOFF_HUB_ID"]

# --- network: loopback only -------------------------------------------------
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env["TRADEOFF_HUB_API_PORT"])
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:%d" % int(env["TRADEOFF_HUB_PROXY_API_PORT"])
c.ConfigurableHTTPProxy.auth_token = env["TRADEOFF_HUB_PROXY_TOKEN"]
c.Spawner.ip = "127.0.0.1"

# --- state: the hub's database, cookie secret and pid file in one folder ----
c.JupyterHub.db_url = "sqlite:///" + os.path.join(state, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = os.path.join(state, "proxy.pid")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

# --- who may log in ---------------------------------------------------------
# User names become folder names and URL segments: lowercase letters,
# digits, '-' and '_' only, so '../x' or 'a/b' is refused before anything
# is created.
c.Authenticator.username_pattern = r"^[a-z][a-z0-9_-]{0,31}$"
# Never a server running as root (the local-users spawner switches to the
# learner's Unix user).
c.Authenticator.blocked_users = {"root"}
if env.get("TRADEOFF_HUB_AUTH", "dummy") == "dummy":
    # For trying the setup only: every name logs in with the one password.
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = env["TRADEOFF_HUB_PASSWORD"]
else:
    c.JupyterHub.authenticator_class = "pam"
c.Authenticator.admin_users = set(filter(None, env.get("TRADEOFF_HUB_ADMINS", "").split(",")))

# The instructor's service: creates users, starts servers, and collects the
# learners' notebooks through each server's contents API (which works the
# same on KubeSpawner, where there is no shared disk).
c.JupyterHub.services = [{"name": "tradeoff-lab-instructor", "api_token": env["TRADEOFF_HUB_ADMIN_TOKEN"]}]
c.JupyterHub.load_roles = [
    {
        "name": "tradeoff-lab-instructor",
        "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users", "read:users"],
        "services": ["tradeoff-lab-instructor"],
    }
]

# --- the learner's server ---------------------------------------------------
spawner_kind = env.get("TRADEOFF_HUB_SPAWNER", "simple")
homes = env.get("TRADEOFF_HUB_HOMES", os.path.join(state, "home"))
if spawner_kind == "simple":
    # One Unix user for everybody: for trying the setup, never for a class.
    c.JupyterHub.spawner_class = SimpleLocalProcessSpawner
    c.SimpleLocalProcessSpawner.home_dir_template = os.path.join(homes, "{username}")
    if os.getuid() == 0:
        # Jupyter refuses to run as root without this (a container, CI).
        c.Spawner.args = ["--allow-root"]
else:
    # Each learner is a Unix user with a private (0700) home: real isolation.
    # The hub runs as root to switch to them (as with PAM on a class server).
    c.JupyterHub.spawner_class = LocalProcessSpawner
c.Spawner.default_url = "/tree/tradeoff-lab"
c.Spawner.notebook_dir = "~"
c.Spawner.poll_interval = 2
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
c.Spawner.environment = {
    # The shared kernelspec (kernels/tslab/kernel.json) for every server.
    "JUPYTER_PATH": share,
    # Lets the instructor's cleanup find every process of this hub.
    "TRADEOFF_HUB_ID": marker,
}
mem = env.get("TRADEOFF_HUB_MEM_LIMIT")
if mem:
    c.Spawner.mem_limit = mem


def learner_home(spawner):
    if spawner_kind == "simple":
        return spawner.home_dir
    return pwd.getpwnam(spawner.user.name).pw_dir


def copy_learner_notebooks(spawner):
    """First login: the learner's own copy of the notebooks (never overwritten)."""
    home = learner_home(spawner)
    folder = os.path.join(home, "tradeoff-lab")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    source = os.path.join(checkout, "notebooks")
    created = [folder]
    for name in sorted(os.listdir(source)):
        if not name.endswith(".ipynb"):
            continue
        target = os.path.join(folder, name)
        if not os.path.exists(target):
            shutil.copyfile(os.path.join(source, name), target)
            created.append(target)
    # The library (node_modules) beside the notebooks, and the data files
    # where the notebooks read them ("../data/…"), both shared and read-only.
    for link, target in ((os.path.join(folder, "node_modules"), os.path.join(checkout, "node_modules")), (os.path.join(home, "data"), os.path.join(checkout, "data"))):
        if not os.path.lexists(link):
            os.symlink(target, link)
            created.append(link)
    if spawner_kind != "simple":
        entry = pwd.getpwnam(spawner.user.name)
        os.chmod(home, 0o700)
        for path in created:
            os.lchown(path, entry.pw_uid, entry.pw_gid)


c.Spawner.pre_spawn_hook = copy_learner_notebooks
