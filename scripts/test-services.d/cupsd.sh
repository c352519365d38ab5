# A private cupsd with a cups-pdf queue for the A4 certificate tests (shared/RECIPES.md).
# Sourced by scripts/run-tests. Exports:
#   CUPS_SERVER=DIR/cups.sock          libcups, lpstat and lpadmin talk to this cupsd, not the system's
#   KIOSK_TEST_CUPS_QUEUE=kioskpdf     the cups-pdf queue
#   KIOSK_TEST_CUPS_URI=ipp://127.0.0.1:PORT/printers/kioskpdf   for ipptool
#   KIOSK_TEST_CUPS_PDF_DIR=DIR        where cups-pdf writes a root job's PDF (cups-pdf's `Out ${HOME}/PDF`)
# Pitfalls handled: the temporary folder must be root:lp 1770 under a traversable (0711) parent, or jobs
# fail with "Can't create temporary file" and the queue stops; the pdftocairo renderer keeps text as text.
cupsd_dir="$PWD/test-output/services/cupsd"
if ! command -v cupsd >/dev/null || [ ! -x /usr/lib/cups/backend/cups-pdf ]; then
  echo "cupsd.sh: cupsd or cups-pdf missing — run scripts/install-deps (scripts/apt.d/cups.list)" >&2
  return 1
fi
if [ -s "$cupsd_dir/pid" ]; then kill "$(cat "$cupsd_dir/pid")" 2>/dev/null; sleep 0.2; fi
rm -rf "$cupsd_dir"
mkdir -p "$cupsd_dir"/{spool,tmp,cache,state,log,ppd}
chmod 0711 "$cupsd_dir" "$PWD/test-output/services" "$PWD/test-output"
chown root:lp "$cupsd_dir/tmp" "$cupsd_dir/spool" && chmod 1770 "$cupsd_dir/tmp" && chmod 0710 "$cupsd_dir/spool"
getent group lpadmin >/dev/null || groupadd -r lpadmin
cupsd_port=$(( 20000 + RANDOM % 20000 ))
cat > "$cupsd_dir/cups-files.conf" <<CONF
ServerRoot $cupsd_dir
RequestRoot $cupsd_dir/spool
TempDir $cupsd_dir/tmp
CacheDir $cupsd_dir/cache
StateDir $cupsd_dir/state
AccessLog $cupsd_dir/log/access_log
ErrorLog $cupsd_dir/log/error_log
PageLog $cupsd_dir/log/page_log
SystemGroup root lpadmin
CONF
cat > "$cupsd_dir/cupsd.conf" <<CONF
LogLevel info
Listen $cupsd_dir/cups.sock
Listen 127.0.0.1:$cupsd_port
Browsing Off
DefaultAuthType None
WebInterface No
JobRetryInterval 1
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
CONF
cupsd -f -c "$cupsd_dir/cupsd.conf" -s "$cupsd_dir/cups-files.conf" > "$cupsd_dir/log/cupsd.out" 2>&1 &
cupsd_pid=$!
echo "$cupsd_pid" > "$cupsd_dir/pid"
on_exit "kill $cupsd_pid 2>/dev/null"
export CUPS_SERVER="$cupsd_dir/cups.sock"
i=0
until [ -S "$CUPS_SERVER" ] && lpstat -r 2>/dev/null | grep -q "is running"; do
  i=$((i+1))
  if [ $i -gt 50 ]; then echo "cupsd.sh: cupsd not running after 5 s (see $cupsd_dir/log)" >&2; return 1; fi
  sleep 0.1
done
lpadmin -p kioskpdf -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd || { echo "cupsd.sh: lpadmin failed" >&2; return 1; }
lpadmin -p kioskpdf -o pdftops-renderer-default=pdftocairo || return 1
export KIOSK_TEST_CUPS_QUEUE=kioskpdf
export KIOSK_TEST_CUPS_URI="ipp://127.0.0.1:$cupsd_port/printers/kioskpdf"
export KIOSK_TEST_CUPS_PDF_DIR="$HOME/PDF"
mkdir -p "$KIOSK_TEST_CUPS_PDF_DIR"
