# Prometheus Alertmanager with a webhook receiver for the alerting tests (shared/RECIPES.md).
# Sourced by scripts/run-tests. Exports:
#   KIOSK_TEST_ALERTMANAGER_URL=http://127.0.0.1:PORT   a running Alertmanager (routes everything to the receiver)
#   KIOSK_TEST_ALERT_WEBHOOK_URL=http://127.0.0.1:PORT/direct   the receiver itself, for the direct webhook sink
#   KIOSK_TEST_ALERT_WEBHOOK_LOG=PATH   JSON lines, one per POST the receiver got: {"path","received","body"}
#                                       (Alertmanager's notifications arrive on path /hook)
#   KIOSK_TEST_ALERTMANAGER_START=PATH  `PATH PORT DIR` starts another Alertmanager on PORT with files in DIR,
#                                       routed to the same receiver, prints its pid once ready (outage tests)
am_dir="$PWD/test-output/services/alertmanager"
mkdir -p "$am_dir"
if ! command -v prometheus-alertmanager >/dev/null; then
  echo "alertmanager.sh: prometheus-alertmanager missing — run scripts/install-deps (scripts/apt.d/alerting.list)" >&2
  return 1
fi
am_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
am_hook_port=$(am_free_port)
am_port=$(am_free_port)
: > "$am_dir/webhook.jsonl"
python3 "$PWD/Tests/Helpers/alerting/webhook_receiver.py" "$am_hook_port" "$am_dir/webhook.jsonl" > "$am_dir/receiver.log" 2>&1 &
am_hook_pid=$!
on_exit "kill $am_hook_pid 2>/dev/null"
cat > "$am_dir/am.yml" <<YAML
route: {receiver: webhook, group_by: ['kiosk', 'alertname'], group_wait: 1s, group_interval: 1s, repeat_interval: 1h}
receivers:
  - name: webhook
    webhook_configs: [{url: 'http://127.0.0.1:$am_hook_port/hook', send_resolved: true}]
YAML
cat > "$am_dir/start.sh" <<SCRIPT
#!/bin/sh
# start.sh PORT DIR: starts an Alertmanager on 127.0.0.1:PORT with its data in DIR; prints its pid when ready.
port=\$1; dir=\$2
mkdir -p "\$dir"
setsid prometheus-alertmanager --config.file="$am_dir/am.yml" --storage.path="\$dir" \\
  --web.listen-address=127.0.0.1:\$port --cluster.listen-address= > "\$dir/alertmanager.log" 2>&1 < /dev/null &
pid=\$!
i=0
until curl -fsS "http://127.0.0.1:\$port/-/ready" >/dev/null 2>&1; do
  i=\$((i+1))
  if [ \$i -gt 100 ]; then echo "alertmanager start.sh: not ready after 10 s (see \$dir/alertmanager.log)" >&2; kill \$pid; exit 1; fi
  sleep 0.1
done
echo \$pid
SCRIPT
chmod +x "$am_dir/start.sh"
i=0
until curl -fsS "http://127.0.0.1:$am_hook_port/" >/dev/null 2>&1; do
  i=$((i+1))
  if [ $i -gt 50 ]; then echo "alertmanager.sh: webhook receiver not ready after 5 s (see $am_dir/receiver.log)" >&2; return 1; fi
  sleep 0.1
done
rm -rf "$am_dir/data"
am_pid=$("$am_dir/start.sh" "$am_port" "$am_dir/data") || return 1
on_exit "kill $am_pid 2>/dev/null"
export KIOSK_TEST_ALERTMANAGER_URL="http://127.0.0.1:$am_port"
export KIOSK_TEST_ALERT_WEBHOOK_URL="http://127.0.0.1:$am_hook_port/direct"
export KIOSK_TEST_ALERT_WEBHOOK_LOG="$am_dir/webhook.jsonl"
export KIOSK_TEST_ALERTMANAGER_START="$am_dir/start.sh"
