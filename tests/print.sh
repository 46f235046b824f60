#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Printing against a real CUPS: a private cupsd (no printer, no clash with a
# system one) with a queue whose file device receives the job's bytes
# unchanged (tests/data/passthrough-pdf.ppd).  What reaches the queue must be
# byte for byte what --sheet --format pdf writes, and every failure must
# have its own message and exit status.  See ../shared/PRINTING.md.
. "$(dirname "$0")/lib/assert.sh"
unset CUPS_SERVER LPDEST PRINTER SHEQU_PRINT_TIMEOUT
export HOME="$TMP" # no ~/.cups/lpoptions of the user running the tests
export SOURCE_DATE_EPOCH=1700000000

if [ "${SHEQU_HAVE_PRINTING:-1}" != 1 ]; then
	run --data "$DATA" --print 滟澜社区
	expect_status 2 "--print without printing"
	expect_contains "$err" "built without printing" "--print says why"
	run --data "$DATA" --sheet 滟澜社区 --format pdf -o "$TMP/x.pdf"
	expect_status 2 "--format pdf without printing"
	expect_contains "$err" "built without printing" "--format pdf says why"
	run --data "$DATA" --sheet 滟澜社区 --format text
	expect_status 0 "the text sheet works without printing"
	finish
	exit
fi

# The PDF itself needs no scheduler.
run --data "$DATA" --sheet 滟澜社区 --format pdf -o "$TMP/ref.pdf"
expect_status 0 "--sheet --format pdf"
expect_eq "$(head -c 5 "$TMP/ref.pdf")" "%PDF-" "a PDF file"
"$SHEQU" --data "$DATA" --sheet 滟澜社区 --format pdf >"$TMP/ref2.pdf" 2>/dev/null </dev/null
if cmp -s "$TMP/ref.pdf" "$TMP/ref2.pdf"; then pass; else fail "two renders (-o and stdout) differ"; fi
if command -v pdftotext >/dev/null; then
	txt=$(pdftotext "$TMP/ref.pdf" -)
	expect_contains "$txt" "滟澜社区" "pdftotext finds the Chinese name"
	expect_contains "$txt" "Yanlan Community" "pdftotext finds the English name"
	expect_contains "$txt" "国际服务窗口和国际服务热线" "pdftotext finds a service (zh)"
	expect_contains "$txt" "Qianding" "pdftotext finds a service (en)"
	expect_contains "$(pdfinfo "$TMP/ref.pdf")" "Nov 14 22:13:20 2023" "PDF dates from SOURCE_DATE_EPOCH"
	run --data "$DATA" --sheet 滟澜社区 --format pdf --paper receipt -o "$TMP/receipt.pdf"
	expect_status 0 "--paper receipt"
	expect_contains "$(pdfinfo "$TMP/receipt.pdf")" "Page size:       226.772 x" "receipt: 80 mm wide"
	expect_contains "$(pdfinfo "$TMP/receipt.pdf")" "Pages:           1" "receipt: one page"
fi
if command -v script >/dev/null; then
	script -qec "'$SHEQU' --data '$DATA' --sheet 滟澜社区 --format pdf" /dev/null >"$TMP/tty" 2>&1
	expect_contains "$(cat "$TMP/tty")" "not writing a PDF to a terminal" "no PDF to a terminal"
fi

# ---- a private cupsd ----
for tool in cupsd lpadmin lpstat cupsaccept cupsreject cupsenable cupsdisable; do
	command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin"
	command -v "$tool" >/dev/null || { echo "$tool not installed: skipped"; finish; exit 77; }
done
[ "$(id -u)" = 0 ] || { echo "not root: the private cupsd is skipped"; finish; exit 77; }

R="$TMP/cups"
mkdir -p "$R/etc" "$R/spool/tmp" "$R/cache" "$R/state" "$R/log" "$R/run" "$R/out"
chmod 755 "$TMP" "$R" "$R/out" # the filters run as lp
cat >"$R/etc/cups-files.conf" <<EOF
ServerRoot $R/etc
RequestRoot $R/spool
TempDir $R/spool/tmp
CacheDir $R/cache
StateDir $R/state
ErrorLog $R/log/error_log
AccessLog $R/log/access_log
PageLog $R/log/page_log
Printcap $R/etc/printcap
FileDevice Yes
EOF
cat >"$R/etc/cupsd.conf" <<EOF
Listen $R/run/cups.sock
Browsing No
WebInterface No
<Location />
</Location>
EOF
# A confined /usr/sbin/cupsd may not touch our directory: run a copy.
CUPSD=$(command -v cupsd)
if [ -r /sys/kernel/security/apparmor/profiles ] &&
	grep -q 'cupsd' /sys/kernel/security/apparmor/profiles; then
	cp "$CUPSD" "$R/cupsd"
	CUPSD="$R/cupsd"
fi
export CUPS_SERVER="$R/run/cups.sock"
cupsd_pid=
start_cupsd() {
	"$CUPSD" -f -c "$R/etc/cupsd.conf" -s "$R/etc/cups-files.conf" &
	cupsd_pid=$!
	for _ in $(seq 200); do
		lpstat -r 2>/dev/null | grep -q "scheduler is running" && return 0
		sleep 0.05
	done
	return 1
}
stop_cupsd() {
	if [ -n "$cupsd_pid" ]; then
		kill "$cupsd_pid" 2>/dev/null
		wait "$cupsd_pid" 2>/dev/null
		cupsd_pid=
	fi
}
trap 'stop_cupsd; rm -rf "$TMP"' EXIT
start_cupsd || { cat "$R/log/error_log" >&2; fail "the private cupsd did not start"; finish; exit; }

Q=shequtest
OUT="$R/out/$Q.out"
lpadmin -p "$Q" -E -v "file://$OUT" -P "$SHEQU_SRCDIR/tests/data/passthrough-pdf.ppd" 2>"$TMP/lpadmin" ||
	{ cat "$TMP/lpadmin" >&2; false; } ||
	fail "lpadmin could not create the queue"

# Two queues and no default: the user must choose.  (One queue alone would
# be chosen.)
lpadmin -p other -v "file:///dev/null" -P "$SHEQU_SRCDIR/tests/data/passthrough-pdf.ppd" 2>/dev/null
run --data "$DATA" --print 滟澜社区
expect_status 2 "no default printer"
expect_contains "$err" "No default printer is set" "no default: message"
expect_contains "$err" "Printers: " "no default: the queues there are"
expect_contains "$err" "$Q" "no default: names the queue"
lpadmin -x other

# Print on a named queue.
: >"$OUT"
run --data "$DATA" --print 滟澜社区 --printer "$Q"
expect_status 0 "--print on a queue"
expect_contains "$out" "Printed" "--print says it printed"
if cmp -s "$OUT" "$TMP/ref.pdf"; then pass; else fail "the queue's bytes differ from --sheet --format pdf ($(wc -c <"$OUT") vs $(wc -c <"$TMP/ref.pdf") bytes)"; fi
command -v pdftotext >/dev/null && expect_contains "$(pdftotext "$OUT" -)" "滟澜社区" "pdftotext of the printed file"

# The default queue, other options: the same bytes as the sheet with them.
lpadmin -d "$Q"
: >"$OUT"
run --data "$DATA" --print 白塔岭社区 --lang en --paper receipt
expect_status 0 "--print on the default queue"
"$SHEQU" --data "$DATA" --sheet 白塔岭社区 --lang en --paper receipt --format pdf -o "$TMP/ref-en.pdf"
if cmp -s "$OUT" "$TMP/ref-en.pdf"; then pass; else fail "default queue, --lang en --paper receipt: bytes differ"; fi

# Unknown printer: exit 2, the queues there are, how to save.
run --data "$DATA" --print 滟澜社区 --printer nosuch
expect_status 2 "unknown printer"
expect_contains "$err" "no printer named 'nosuch'" "unknown printer: message"
expect_contains "$err" "Printers: $Q" "unknown printer: the queues there are"
expect_contains "$err" "--save-dir" "unknown printer: how to keep the sheet"
mkdir -p "$TMP/save"
run --data "$DATA" --print 滟澜社区 --printer nosuch --save-dir "$TMP/save"
expect_status 2 "unknown printer, --save-dir"
saved="$TMP/save/330114001017-both.pdf"
expect_contains "$err" "saved the sheet to $saved" "says where it saved the sheet"
if cmp -s "$saved" "$TMP/ref.pdf"; then pass; else fail "the saved PDF differs from the sheet"; fi
rm -f "$saved"
SHEQU_SAVE_DIR="$TMP/save" "$SHEQU" --data "$DATA" --print 滟澜社区 --printer nosuch >/dev/null 2>&1
if cmp -s "$saved" "$TMP/ref.pdf"; then pass; else fail "SHEQU_SAVE_DIR is honoured"; fi
run --data "$DATA" --print 滟澜社区 --printer nosuch --save-dir "$TMP/nonexistent"
expect_contains "$err" "could not save the sheet" "an unusable save dir is reported"

# A queue rejecting jobs.
cupsreject -r "closed for the test" "$Q"
run --data "$DATA" --print 滟澜社区 --printer "$Q"
expect_status 1 "queue rejecting jobs"
expect_contains "$err" "Printer '$Q' is not accepting jobs" "rejecting: message"
expect_contains "$err" "--save-dir" "rejecting: how to keep the sheet"
cupsaccept "$Q"

# A disabled queue takes the job and keeps it: the wait times out, the job
# is cancelled so that it does not print later.
cupsdisable -r "paper jam" "$Q"
SHEQU_PRINT_TIMEOUT=2 "$SHEQU" --data "$DATA" --print 滟澜社区 --printer "$Q" >"$TMP/out" 2>"$TMP/err" </dev/null
status=$? err=$(cat "$TMP/err")
expect_status 1 "disabled queue: timeout"
expect_contains "$err" "did not finish within 2 seconds" "timeout: message"
expect_contains "$err" "stopped (disabled)" "timeout: says the queue is stopped"
expect_contains "$err" "cancelled" "timeout: says the job was cancelled"
expect_eq "$(lpstat -o "$Q" 2>/dev/null)" "" "timeout: no job left in the queue"
cupsenable "$Q"

# After all that, printing works again.
: >"$OUT"
run --data "$DATA" --print 滟澜社区 --printer "$Q"
expect_status 0 "--print after re-enabling"
if cmp -s "$OUT" "$TMP/ref.pdf"; then pass; else fail "bytes after re-enabling"; fi

# No queue at all.
lpadmin -x "$Q"
run --data "$DATA" --print 滟澜社区
expect_status 1 "no printers"
expect_contains "$err" "No printer is set up" "no printers: message"

# The scheduler stopped.
stop_cupsd
run --data "$DATA" --print 滟澜社区 --save-dir "$TMP/save"
expect_status 1 "scheduler stopped"
expect_contains "$err" "Cannot reach the CUPS print service" "scheduler stopped: message"
expect_contains "$err" "saved the sheet to $saved" "scheduler stopped: sheet saved"
finish
