# pcscd with vsmartcard's virtual reader (vpcd) for the social-security card tests (shared/RECIPES.md).
# Sourced by scripts/run-tests. Exports:
#   KIOSK_TEST_PCSC=1                 pcscd answers on its usual socket
#   KIOSK_TEST_PCSC_VICC=PATH         the virtual card's launcher (Tests/Helpers/vicc/launch.sh)
#   KIOSK_TEST_PCSCD_RESTART=PATH     a script that stops pcscd and starts it again (the restart test)
# pcscd has one system socket (/run/pcscd/pcscd.comm) and vpcd fixed ports (35963, 35964), so only one
# such pcscd can run: an existing one is stopped first.
pcscd_dir="$PWD/test-output/services/pcscd"
mkdir -p "$pcscd_dir"
cat > "$pcscd_dir/start.sh" <<SCRIPT
#!/bin/bash
# Starts pcscd in the foreground (in the background of this shell) and waits until vpcd listens.
# Descriptors above 2 are closed first: a caller (Foundation's Process) may watch one to see this script end.
for fd in /proc/\$\$/fd/*; do n=\${fd##*/}; if [ "\$n" -gt 2 ] 2>/dev/null; then eval "exec \$n>&-" 2>/dev/null; fi; done
old=\$(cat "$pcscd_dir/pid" 2>/dev/null)
if [ -n "\$old" ]; then kill "\$old" 2>/dev/null; fi
# Wait for the old pcscd to end (a zombie counts as ended: its parent may be gone).
i=0
alive() { [ -n "\$old" ] && [ -d /proc/\$old ] && ! grep -q '^State:.*Z' /proc/\$old/status 2>/dev/null; }
while alive && [ \$i -lt 30 ]; do sleep 0.1; i=\$((i+1)); done
# pcscd may hang in vpcd's socket on SIGTERM: a second pcscd beside it would steal the socket.
if alive; then kill -9 "\$old" 2>/dev/null; sleep 0.2; fi
rm -f /run/pcscd/pcscd.comm /run/pcscd/pcscd.pid
mkdir -p /run/pcscd
setsid pcscd -f -d >> "$pcscd_dir/pcscd.log" 2>&1 < /dev/null &
echo \$! > "$pcscd_dir/pid"
i=0
# vpcd listens on 35963 = 0x8C7B (state 0A = LISTEN in /proc/net/tcp); connecting would insert a card.
until [ -S /run/pcscd/pcscd.comm ] && grep -q ':8C7B 00000000:0000 0A' /proc/net/tcp; do
  i=\$((i+1))
  if [ \$i -gt 50 ]; then echo "pcscd.sh: pcscd or vpcd not ready after 5 s (see $pcscd_dir/pcscd.log)" >&2; exit 1; fi
  sleep 0.1
done
SCRIPT
chmod +x "$pcscd_dir/start.sh"
if ! command -v pcscd >/dev/null || [ ! -e /usr/lib/pcsc/drivers/serial/libifdvpcd.so ]; then
  echo "pcscd.sh: pcscd or vsmartcard-vpcd missing — run scripts/install-deps (scripts/apt.d/pcsc.list)" >&2
  return 1
fi
existing=$(pgrep -x pcscd || true)
if [ -n "$existing" ]; then
  echo "pcscd.sh: stopping the pcscd already running ($existing) so that vpcd's ports are free"
  kill $existing 2>/dev/null || true
  sleep 0.5
  kill -9 $existing 2>/dev/null || true
fi
: > "$pcscd_dir/pcscd.log"
"$pcscd_dir/start.sh" || return 1
export KIOSK_TEST_PCSC=1
export KIOSK_TEST_PCSC_VICC="$PWD/Tests/Helpers/vicc/launch.sh"
export KIOSK_TEST_PCSCD_RESTART="$pcscd_dir/start.sh"
on_exit "kill \$(cat '$pcscd_dir/pid') 2>/dev/null"
