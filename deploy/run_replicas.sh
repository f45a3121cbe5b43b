#!/usr/bin/env bash
# One `streamlit run` replica of the dashboard per core, behind nginx (sticky sessions), all on 127.0.0.1.
#
# Why one per core: a Streamlit process runs its sessions' Python on about one core at a time
# (one interpreter lock), so one process leaves the other cores of a class server idle.
#
#   deploy/run_replicas.sh start    start the replicas and nginx, wait until they answer
#   deploy/run_replicas.sh stop     stop what `start` started (by the pids it wrote)
#   deploy/run_replicas.sh          start, then stop everything on Ctrl-C
#
# Ports (environment): PORT (nginx, default 8080); REPLICAS (default: the cores this script may
# use, from nproc), on REPLICA_PORTS (default 8501, 8502, ... one per replica).
# Needs Debian's nginx package: apt-get install -y nginx
# Logs and pid files go to deploy/run/ (deploy/run/replica-<port>.pid, deploy/run/nginx.pid).
set -euo pipefail

DEPLOY="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(dirname "$DEPLOY")"
RUN="$DEPLOY/run"
PORT="${PORT:-8080}"
REPLICAS="${REPLICAS:-$(nproc)}"
REPLICA_PORTS="${REPLICA_PORTS:-$(seq -s ' ' 8501 $((8500 + REPLICAS)))}"
PYTHON="${PYTHON:-python3}"

stop() {
    for pidfile in "$RUN"/nginx.pid "$RUN"/replica-*.pid; do
        [ -f "$pidfile" ] || continue
        pid="$(cat "$pidfile")"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$pidfile"
    done
}

wait_for() {  # url, seconds
    for _ in $(seq $(( $2 * 5 ))); do
        if "$PYTHON" -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$1" 2>/dev/null; then
            return 0
        fi
        sleep 0.2
    done
    echo "no answer from $1 after $2 s" >&2
    return 1
}

start() {
    command -v nginx >/dev/null || { echo "nginx is missing: apt-get install -y nginx" >&2; exit 1; }
    mkdir -p "$RUN/tmp"
    chmod 1777 "$RUN/tmp"  # nginx's worker may run as another user
    stop  # anything left from an earlier start

    # The config with this run's ports (the checked-in file says 8080, 8501, 8502): the part between
    # its BEGIN and END replicas lines is written here, one entry per replica.
    read -r -a ports <<< "$REPLICA_PORTS"
    replicas_part="    map \$cookie_classroom_replica \$sticky_replica {\n        default \"\";\n"
    for port in "${ports[@]}"; do replicas_part+="        \"127.0.0.1:$port\" replica_$port;\n"; done
    replicas_part+="    }\n    upstream streamlit_in_turn {\n"
    for port in "${ports[@]}"; do replicas_part+="        server 127.0.0.1:$port;\n"; done
    replicas_part+="    }\n"
    for port in "${ports[@]}"; do
        replicas_part+="    upstream replica_$port {\n        server 127.0.0.1:$port;\n"
        for other in "${ports[@]}"; do
            [ "$other" = "$port" ] || replicas_part+="        server 127.0.0.1:$other backup;\n"
        done
        replicas_part+="    }\n"
    done
    awk -v part="$replicas_part" -v listen="$PORT" '
        /# BEGIN replicas/ { print; printf "%s", part; skipping = 1; next }
        /# END replicas/ { skipping = 0 }
        skipping { next }
        { sub(/listen 127\.0\.0\.1:8080;/, "listen 127.0.0.1:" listen ";"); print }
    ' "$DEPLOY/nginx.conf" > "$RUN/nginx.conf"

    cd "$ROOT"
    # One core's worth of Python per replica: numpy's BLAS threads of their own (one per core by
    # default) would spin on the other replicas' cores after every product. With them, 30 learners
    # on MNIST through two replicas cost 98 ms of server CPU per update and hardly updated; with one
    # thread each, 36 ms (docs/classroom.md).
    export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}" OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
    for port in "${ports[@]}"; do
        "$PYTHON" -m streamlit run dashboard.py \
            --server.address 127.0.0.1 --server.port "$port" --server.headless true \
            --browser.gatherUsageStats false --server.fileWatcherType none \
            --client.showErrorDetails none \
            > "$RUN/replica-$port.log" 2>&1 &
        echo $! > "$RUN/replica-$port.pid"
    done
    for port in "${ports[@]}"; do wait_for "http://127.0.0.1:$port/_stcore/health" 60; done
    nginx -p "$RUN/" -c "$RUN/nginx.conf"
    wait_for "http://127.0.0.1:$PORT/_stcore/health" 20
    echo "Dashboard on http://127.0.0.1:$PORT/ (replicas on ports ${ports[*]}; logs in $RUN)"
}

case "${1:-run}" in
    start) start ;;
    stop) stop ;;
    run)
        start
        trap stop EXIT INT TERM
        echo "Ctrl-C stops it all."
        while sleep 3600; do :; done
        ;;
    *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
