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
	# The TUI's p says so too, in the status line.
	if command -v tmux >/dev/null 2>&1; then
		. "$SHEQU_SRCDIR/tests/lib/tmux.sh"
		trap 'tm_cleanup; rm -rf "$TMP"' EXIT
		tm_start 80 24 -- --data "$DATA"
		tm_wait "District" || fail "TUI: does not start"
		tm_send p
		if tm_wait_line 23 "built without printing"; then pass; else fail "TUI: p does not say built without printing"; tm_dump >&2; fi
		tm_expect_not "Copies" "TUI: no print dialog without printing"
		expect_eq "$TM_FAIL" 0 "TUI: tmux checks"
	fi
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

# ---- the print dialog in a terminal (tmux): helpers ----
# The dialog is run in tmux where tmux is there (and the interface has its
# translations: tests/lib/tmux.sh skips otherwise).
have_tui=
silent_pid=
cleanup() {
	[ -n "$have_tui" ] && tm_cleanup
	[ -n "$silent_pid" ] && kill "$silent_pid" 2>/dev/null
	declare -F cupsd_stop >/dev/null && cupsd_stop
	rm -rf "$TMP"
}
if command -v tmux >/dev/null 2>&1 &&
	{ [ -z "${SHEQU_BUILDDIR:-}" ] || [ -d "$SHEQU_BUILDDIR/po" ]; }; then
	. "$SHEQU_SRCDIR/tests/lib/tmux.sh"
	set +u
	have_tui=1

	tui_fail() { fail "$1"; tm_dump >&2; }
	tui_expect() { # TEXT WHAT [SECONDS]: TEXT on one line of the screen
		if tm_wait "$1" "${3:-$TM_TIMEOUT}"; then pass; else tui_fail "$2 (\"$1\" not on screen)"; fi
	}
	# The screen without blanks and line ends: a message wrapped over
	# rows, wherever the lines broke.
	tui_flat() { tm_capture | tr -d ' \n'; }
	tui_expect_flat() { # TEXT WHAT [SECONDS]
		local want end=$((SECONDS + ${3:-$TM_TIMEOUT}))
		want=$(printf '%s' "$1" | tr -d ' \n')
		while :; do
			case "$(tui_flat)" in *"$want"*) pass; return ;; esac
			[ $SECONDS -ge $end ] && break
			sleep 0.05
		done
		tui_fail "$2 (\"$1\" not on screen)"
	}
	tui_bar() { tm_line $(($(tm_fmt '#{pane_height}') - 1)); }
	tui_expect_bar() { # TEXT WHAT: on the status line
		if tm_wait_line $(($(tm_fmt '#{pane_height}') - 1)) "$1"; then pass; else tui_fail "$2 (status line: $(tui_bar))"; fi
	}
	tui_bar_lacks() { # TEXT WHAT
		case "$(tui_bar)" in *"$1"*) tui_fail "$2 (status line: $(tui_bar))" ;; *) pass ;; esac
	}
	# The dialog's buttons, on the row above the key bar.
	tui_buttons() { tm_line $(($(tm_fmt '#{pane_height}') - 2)); }
	# tui_once TEXT WHAT: the message is on the screen once (not also on
	# the status line), wherever its lines broke.
	tui_once() {
		local want n
		want=$(printf '%s' "$1" | tr -d ' \n')
		n=$(tui_flat | grep -oF -- "$want" | wc -l)
		if [ "$n" = 1 ]; then pass; else tui_fail "$2 (\"$1\" $n times on screen)"; fi
	}
	# Sentences are whole: no trimmed or doubled Chinese punctuation.
	tui_no_doubled() { # WHAT
		case "$(tui_flat)" in
		*。；* | *？；* | *。。* | *？。* | *；；*) tui_fail "$1: doubled punctuation" ;;
		*) pass ;;
		esac
	}
	shows() { tm_capture | grep -qF -- "$1"; }
	ms_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%d", (b - a) * 1000 }'; }
	# tui_timed WHAT COND KEY...: send the keys; the condition (a command
	# line) must hold within a second, as a person expects of a kiosk.
	tui_timed() {
		local what=$1 cond=$2 t0 ms
		shift 2
		t0=$EPOCHREALTIME
		tm_send "$@"
		while :; do
			if eval "$cond"; then
				ms=$(ms_since "$t0")
				break
			fi
			ms=$(ms_since "$t0")
			[ "$ms" -ge 5000 ] && break
			sleep 0.02
		done
		if [ "$ms" -lt 1000 ]; then pass; else tui_fail "$what (took $ms ms)"; fi
	}
	wait_file() { # PATH: it exists (the dialog wrote it)
		local end=$((SECONDS + TM_TIMEOUT))
		while [ ! -s "$1" ]; do
			[ $SECONDS -ge $end ] && return 1
			sleep 0.05
		done
	}
	# Wait until the queue holds no unfinished job.
	queue_idle() {
		local end=$((SECONDS + 10))
		while [ -n "$(lpstat -W not-completed -o "$1" 2>/dev/null)" ]; do
			[ $SECONDS -ge $end ] && return 1
			sleep 0.05
		done
	}
	# tui_start COLS ROWS [ENV=VAL...] [-- ARGS...]: start shequ and open
	# 滟澜社区's details through the search.
	tui_start() {
		local cols=$1 rows=$2 envs=()
		shift 2
		while [ $# -gt 0 ] && [ "$1" != "--" ]; do
			envs+=("$1")
			shift
		done
		[ $# -gt 0 ] && shift
		tm_start "$cols" "$rows" CUPS_SERVER="$CUPS_SERVER" HOME="$HOME" \
			SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" "${envs[@]}" -- --data "$DATA" "$@"
		tui_expect "District" "TUI ${cols}x$rows: starts"
		tm_send /
		tui_expect "Search:" "TUI ${cols}x$rows: search bar"
		tm_type "滟澜"
		tui_expect "Yanlan" "TUI ${cols}x$rows: 滟澜 found"
		tm_send Enter
		tui_expect "330114001017" "TUI ${cols}x$rows: the detail view of 滟澜社区"
	}
	# tui_open: the same, then p opens the print dialog.
	tui_open() {
		tui_start "$@"
		tm_send p
		tui_expect "Copies" "TUI $1x$2: p opens the print dialog"
	}
	# Click the dialog's button LABEL.
	tui_click() {
		local y line x
		y=$(($(tm_fmt '#{pane_height}') - 2))
		line=$(tm_line "$y")
		x=$(awk -v s="$line" -v l="$1" 'BEGIN { print index(s, l) - 1 }')
		if [ "$x" -lt 0 ]; then
			tui_fail "no button '$1' on row $y"
			return
		fi
		tm_mouse 0 "$x" "$y"
	}
	tui_quit() { # WHAT [KEYS...]: quit (Q, or the keys given) with status 0
		local what=$1
		shift
		tm_send "${@:-Q}"
		if tm_wait_exit; then expect_eq "$TM_STATUS" 0 "$what: exit status"; else fail "$what: did not quit"; fi
	}
fi
trap cleanup EXIT

# ---- a print service that takes the connection and never answers ----
# --print must not sit out libcups's minutes: it ends after
# SHEQU_CUPS_TIMEOUT seconds, says so, and keeps the sheet.  (No root
# needed: tests/lib/silent-cups.py is a Unix socket that accepts and is
# silent.)
SILENT="$TMP/silent/cups.sock"
mkdir -p "$TMP/silent" "$TMP/save"
python3 "$SHEQU_SRCDIR/tests/lib/silent-cups.py" "$SILENT" >"$TMP/silent/ready" &
silent_pid=$!
for _ in $(seq 100); do
	grep -q ready "$TMP/silent/ready" 2>/dev/null && break
	sleep 0.05
done
started=$SECONDS
CUPS_SERVER="$SILENT" SHEQU_CUPS_TIMEOUT=2 "$SHEQU" --data "$DATA" --print 滟澜社区 \
	--save-dir "$TMP/save" >"$TMP/out" 2>"$TMP/err" </dev/null
status=$? err=$(cat "$TMP/err")
took=$((SECONDS - started))
expect_status 1 "silent print service"
expect_contains "$err" "shequ: The CUPS print service at $SILENT did not answer within 2 seconds." \
	"silent print service: the message"
expect_contains "$err" "shequ: The sheet was saved as $TMP/save/330114001017-both.pdf." \
	"silent print service: the sheet is kept"
if [ "$took" -le 6 ]; then pass; else fail "silent print service: --print took $took s"; fi
# At a kiosk the advice names whom to ask and the setting, not an option
# staff cannot give there.
printf 'kiosk = yes\n' >"$TMP/kiosk.conf"
SHEQU_CONFIG="$TMP/kiosk.conf" CUPS_SERVER="$SILENT" SHEQU_CUPS_TIMEOUT=1 "$SHEQU" --data "$DATA" \
	--print 滟澜社区 >"$TMP/out" 2>"$TMP/err" </dev/null
err=$(cat "$TMP/err")
expect_contains "$err" "ask whoever set up this kiosk to set save-dir in $TMP/kiosk.conf." \
	"kiosk: whom to ask, and which setting in which file"
expect_not_contains "$err" "--save-dir" "kiosk: no option staff cannot give"

# The print dialog against the silent service (issue 10, item 42): p opens
# it at once, saying that it waits for CUPS; every key works meanwhile,
# each showing its effect within a second; after SHEQU_CUPS_TIMEOUT a
# clear message; Esc closes at once, also while CUPS is being asked.
if [ -n "$have_tui" ]; then
	tui_start 80 24 CUPS_SERVER="$SILENT" SHEQU_CUPS_TIMEOUT=6
	tui_timed "silent: p opens the dialog at once" 'shows "Copies"' p
	tui_expect_flat "Asking CUPS for its printers (" "silent: the message says the dialog waits for CUPS"
	tui_expect "Asking CUPS…" "silent: so does the printer field"
	tui_bar_lacks "Enter" "silent: no Enter on the key bar while there is nothing to print on"
	tui_timed "silent: Left Left choose 中文 at once" 'shows "(*) 中文"' Left Left
	# Tab thrice: the preview has the focus, so Down scrolls it (and the
	# language stays).
	tm_send Tab Tab Tab
	tui_timed "silent: Tab to the preview, Down scrolls it at once" \
		'tm_line 1 | grep -qF " 2-"' Down
	tui_expect "(*) 中文" "silent: Down scrolled the preview, not the language"
	tui_timed "silent: L switches the interface's language at once" 'shows "份数"' L
	tui_expect_flat "正在向 CUPS 查询打印机（" "silent: the message in Chinese"
	tui_no_doubled "silent, in Chinese"
	tui_timed "silent: L back at once" 'shows "Copies"' L
	tui_expect_flat "The CUPS print service at $SILENT did not answer within 6 seconds." \
		"silent: after SHEQU_CUPS_TIMEOUT, a clear message" 10
	tui_expect "$SILENT" "silent: the socket's path whole on a line"
	tui_expect "CUPS does not answer" "silent: the printer field says so"
	tui_expect_bar "Enter Print" "silent: then Enter offers to print (on the default CUPS sees)"
	tui_timed "silent: Esc closes at once" '! shows "Copies"' Escape
	tui_timed "silent: p again opens at once" 'shows "Asking CUPS"' p
	tui_timed "silent: Esc closes at once while CUPS is being asked" '! shows "Copies"' Escape
	tui_quit "silent"

	# At a kiosk (issue 10, item 19): whom to ask and which setting in
	# which file, never an option staff cannot give there; the path whole.
	tui_open 80 24 CUPS_SERVER="$SILENT" SHEQU_CUPS_TIMEOUT=1 SHEQU_CONFIG="$TMP/kiosk.conf"
	tui_expect_flat "ask whoever set up this kiosk to set save-dir in $TMP/kiosk.conf." \
		"kiosk: whom to ask, and which setting in which file" 5
	tui_expect "$TMP/kiosk.conf" "kiosk: the configuration file's path whole on a line"
	tm_expect_not "--save-dir" "kiosk: no option staff cannot give"
	tm_send s
	tui_expect_flat "No folder is set up for saved sheets: ask whoever set up this kiosk to set save-dir in $TMP/kiosk.conf." \
		"kiosk: s says the same"
	tm_expect_not "--save-dir" "kiosk: s: no option staff cannot give"
	tm_send L
	tui_expect_flat "save-dir" "kiosk: in Chinese, the setting is named"
	tui_expect "$TMP/kiosk.conf" "kiosk: in Chinese, the path whole on a line"
	tm_expect_not "--save-dir" "kiosk: in Chinese, no option"
	tui_no_doubled "kiosk, in Chinese"
	tui_quit "kiosk" C-x C-s q

	# 40 columns: the fields on a row each; where the three languages do
	# not fit, the one chosen between arrows, and a touch on an arrow
	# steps to the next.
	tui_open 40 20 CUPS_SERVER="$SILENT" SHEQU_CUPS_TIMEOUT=30
	tui_expect "Language  < 中文 + English" "narrow: the language chosen, between arrows"
	tm_mouse 0 "$(awk -v s="$(tm_line 1)" 'BEGIN { print index(s, "<") - 1 }')" 1
	tui_expect "Language  < English" "narrow: a touch on < chooses the language before"
	tm_send Right
	tui_expect "Language  < 中文 + English" "narrow: Right the one after"
	tui_quit "narrow"
	expect_eq "$TM_FAIL" 0 "TUI, silent print service: tmux checks"
fi
kill "$silent_pid" 2>/dev/null
wait "$silent_pid" 2>/dev/null
silent_pid=


# ---- a private cupsd (tests/lib/cupsd.sh) ----
. "$SHEQU_SRCDIR/tests/lib/cupsd.sh"
cupsd_usable || { echo "no cupsd, or not root: the private cupsd is skipped"; finish; exit 77; }
for tool in cupsaccept cupsreject cupsenable cupsdisable; do
	command -v "$tool" >/dev/null || { echo "$tool not installed: skipped"; finish; exit 77; }
done
R="$TMP/cups"
cupsd_start "$R" || { fail "the private cupsd did not start"; finish; exit; }

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
expect_contains "$err" "No default printer is set: name one with --printer NAME. Printers: other, $Q." \
	"no default: message, with the queues there are"
# The print dialog's logic (no terminal) on these two queues: nothing
# chosen, the choice remembered, a stopped queue, cancelling.
"$SHEQU_BUILDDIR/tests/test_printdlg" cups "$Q" >"$TMP/printdlg" 2>&1
status=$? err=$(cat "$TMP/printdlg")
expect_status 0 "test_printdlg against the private cupsd"
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
expect_contains "$err" "shequ: The sheet was saved as $saved." "says where it saved the sheet"
if cmp -s "$saved" "$TMP/ref.pdf"; then pass; else fail "the saved PDF differs from the sheet"; fi
rm -f "$saved"
SHEQU_SAVE_DIR="$TMP/save" "$SHEQU" --data "$DATA" --print 滟澜社区 --printer nosuch >/dev/null 2>&1
if cmp -s "$saved" "$TMP/ref.pdf"; then pass; else fail "SHEQU_SAVE_DIR is honoured"; fi
run --data "$DATA" --print 滟澜社区 --printer nosuch --save-dir "$TMP/nonexistent"
expect_contains "$err" "The sheet could not be saved in $TMP/nonexistent: No such file or directory." "an unusable save dir is reported"

# A queue rejecting jobs.
cupsreject -r "closed for the test" "$Q"
run --data "$DATA" --print 滟澜社区 --printer "$Q"
expect_status 1 "queue rejecting jobs"
expect_contains "$err" "Printer '$Q' is not accepting jobs (closed for the test)." "rejecting: message, with the reason given"
expect_contains "$err" "--save-dir" "rejecting: how to keep the sheet"
cupsaccept "$Q"

# A disabled queue takes the job and keeps it: the wait times out, the job
# is cancelled so that it does not print later.
cupsdisable -r "paper jam" "$Q"
SHEQU_PRINT_TIMEOUT=2 "$SHEQU" --data "$DATA" --print 滟澜社区 --printer "$Q" >"$TMP/out" 2>"$TMP/err" </dev/null
status=$? err=$(cat "$TMP/err")
expect_status 1 "disabled queue: timeout"
expect_contains "$err" "did not finish within 2 seconds" "timeout: message"
expect_contains "$err" "the printer is stopped (disabled) and says \"paper jam\"." "timeout: says the queue is stopped, and why"
expect_contains "$err" "cancelled" "timeout: says the job was cancelled"
expect_eq "$(lpstat -o "$Q" 2>/dev/null)" "" "timeout: no job left in the queue"
cupsenable "$Q"

# After all that, printing works again.
: >"$OUT"
run --data "$DATA" --print 滟澜社区 --printer "$Q"
expect_status 0 "--print after re-enabling"
if cmp -s "$OUT" "$TMP/ref.pdf"; then pass; else fail "bytes after re-enabling"; fi

# ---- the TUI's print dialog (tmux) ----
# The same sheet through the dialog: open 滟澜社区, p, choose the language
# and the queue, Enter; the job is followed while the screen keeps running.
if [ -n "$have_tui" ]; then
	"$SHEQU" --data "$DATA" --sheet 滟澜社区 --lang zh --format pdf -o "$TMP/ref-zh.pdf"
	Q2=second
	OUT2="$R/out/$Q2.out"
	lpadmin -p "$Q2" -E -v "file://$OUT2" -P "$SHEQU_SRCDIR/tests/data/passthrough-pdf.ppd" 2>/dev/null ||
		fail "lpadmin could not create the second queue"

	# No default printer (issue 10, item 17): nothing is chosen and the
	# dialog says so; the printer chosen is chosen the next time.  (The
	# default queue removed and made again is no longer the default.)
	lpadmin -x "$Q"
	lpadmin -p "$Q" -E -v "file://$OUT" -P "$SHEQU_SRCDIR/tests/data/passthrough-pdf.ppd" 2>/dev/null ||
		fail "lpadmin could not make the queue again"
	expect_contains "$(lpstat -d 2>&1)" "no system default" "no default destination now"
	tui_open 80 24
	tui_expect "( ) $Q2" "no default: $Q2 offered, not chosen"
	tui_expect "( ) $Q" "no default: $Q offered, not chosen"
	tm_expect_not "(*) $Q2" "no default: $Q2 not preselected"
	tm_expect_not "(*) $Q" "no default: $Q not preselected"
	tui_expect_flat "No default printer is set: choose a printer, then press Enter." \
		"no default: the dialog says so"
	tui_expect "│ No default printer:" "no default: the printer field says so"
	tm_send Enter
	tui_expect_flat "No default printer is set: choose a printer, then press Enter." \
		"no default: Enter asks for a printer"
	tm_expect_not "Printing on" "no default: Enter prints nothing"
	tm_send Down Down
	tui_expect "(*) $Q" "no default: Enter went to the printers, Down Down chooses $Q"
	tm_send Escape
	tm_wait_gone "Copies"
	tm_send p
	tui_expect "(*) $Q" "no default: the printer chosen is chosen the next time"
	tui_expect_flat "Tab moves between the fields" "no default: and the dialog does not ask again"
	tm_send Escape
	tui_quit "TUI, no default"

	lpadmin -d "$Q2"
	: >"$OUT"
	: >"$OUT2"

	# 80x24: the default queue is marked and chosen; choose 中文 and the
	# other queue, try the copies, look at the help, print.
	tui_open 80 24
	tui_expect "(*) $Q2  default" "dialog: the default queue is marked and chosen"
	tui_expect "( ) $Q" "dialog: the other queue is offered"
	tui_expect "(*) 中文 + English" "dialog: both languages by default, named so (item 30)"
	tm_expect_not "双语" "dialog: no 双语 for a reader of English"
	# The preview and the fields: one separator column on every row.
	tm_seps "│" 1 10 "dialog 80x24"
	tm_send Left Left
	tui_expect "(*) 中文" "dialog: Left Left chooses 中文"
	tm_send Tab Down
	tui_expect "(*) $Q" "dialog: Tab, Down chooses $Q"
	tui_expect "( ) $Q2  default" "dialog: $Q2 is no longer chosen"
	tm_send Tab +
	tui_expect "[-]  2  [+]" "dialog: + makes two copies"
	tm_send -
	tui_expect "[-]  1  [+]" "dialog: - back to one"
	tui_expect_bar "Enter Print" "dialog: the key bar offers Enter"
	tm_send "?"
	tui_expect "Keys" "dialog: ? opens the help"
	for _ in 1 2 3 4 5 6; do
		tm_capture | grep -qF "One copy more" && break
		tm_send PageDown
		tm_settle
	done
	tui_expect "Keys in the print dialog" "dialog: the help lists the dialog's keys"
	tui_expect "One copy more" "dialog: the help from the key table"
	tm_send Escape
	tui_expect "(*) $Q" "dialog: back from the help, the choices kept"
	tm_send Enter
	tui_expect_bar "Printed: job" "dialog: the status line says the job printed"
	tui_expect_bar "'$Q' is done." "dialog: on the queue chosen"
	tm_expect_not "Copies" "dialog: closed after printing"
	queue_idle "$Q" || fail "TUI: the job did not leave the queue"
	if cmp -s "$OUT" "$TMP/ref-zh.pdf"; then pass; else fail "TUI: the queue's bytes differ from --sheet --lang zh --format pdf ($(wc -c <"$OUT") vs $(wc -c <"$TMP/ref-zh.pdf") bytes)"; fi
	command -v pdftotext >/dev/null && expect_contains "$(pdftotext "$OUT" -)" "滟澜社区" "TUI: pdftotext of the printed file"
	expect_eq "$(wc -c <"$OUT2")" 0 "TUI: nothing on the queue not chosen"
	tui_quit "TUI: q quits"

	# 61x20: a queue rejecting jobs.  The message says so once, in the
	# dialog only, and the sheet is saved by itself, the message saying
	# where with the path whole on a line (items 5, 18, 19); after L it is
	# in Chinese; the Save button and s save it again.
	lpadmin -d "$Q"
	cupsreject -r "closed for the test" "$Q"
	SAVE="$TMP/tuisave"
	mkdir -p "$SAVE"
	tui_saved="$SAVE/330114001017-both.pdf"
	tui_open 61 20 SHEQU_SAVE_DIR="$SAVE"
	tui_expect "(*) $Q" "61x20: the default queue chosen"
	tm_send Enter
	tui_expect_flat "Printer '$Q' is not accepting jobs (closed for the test)." "61x20: rejecting queue: message"
	tui_expect_flat "The sheet was saved as $tui_saved." "61x20: a failed print saves the sheet and says where"
	tui_expect "$tui_saved." "61x20: the path whole on a line"
	if cmp -s "$tui_saved" "$TMP/ref.pdf"; then pass; else fail "TUI: the sheet saved after the failure differs from --sheet --format pdf"; fi
	tui_once "is not accepting jobs (closed for the test)" "61x20: the message once"
	tui_bar_lacks "not accepting" "61x20: the message not on the status line"
	tui_expect_bar "Enter Print again" "61x20: the key bar offers to print again"
	tm_send L
	tui_expect_flat "打印机“$Q”不接受任务（closed for the test）。信息单已保存为 $tui_saved。" \
		"61x20: after L the message is in Chinese"
	tui_expect "$tui_saved。" "61x20: in Chinese, the path whole on a line"
	tui_no_doubled "61x20, in Chinese"
	tm_send L
	tui_expect_flat "Printer '$Q' is not accepting jobs" "61x20: and in English again"
	rm -f "$tui_saved"
	tui_click "Save"
	if wait_file "$tui_saved"; then pass; else fail "TUI: the Save button saved nothing"; fi
	tui_expect_flat "The sheet was saved as $tui_saved." "61x20: the Save button says where"
	expect_eq "$(head -c 5 "$tui_saved" 2>/dev/null)" "%PDF-" "TUI: the saved file is a PDF"
	if cmp -s "$tui_saved" "$TMP/ref.pdf"; then pass; else fail "TUI: the saved PDF differs from --sheet --format pdf"; fi
	rm -f "$tui_saved"
	tm_send s
	if wait_file "$tui_saved"; then pass; else fail "TUI: s saved nothing"; fi
	if cmp -s "$tui_saved" "$TMP/ref.pdf"; then pass; else fail "TUI: s saved another file"; fi
	tm_send Escape
	tui_expect "330114001017" "61x20: Esc closes the dialog, back to the detail view"
	tui_quit "TUI: q quits (61x20)"
	cupsaccept "$Q"

	# A stopped queue keeps the job: the dialog counts the seconds while
	# nobody presses a key, then times out; no save directory: it says how
	# to set one.  While the job is followed the key bar offers no Enter.
	# Then Esc cancels a job still waiting, and the status line says so
	# once the dialog has closed (item 4).  (A printer asked for that is
	# not there is reported, and the default chosen.)
	cupsdisable -r "paper jam" "$Q"
	tui_open 80 24 SHEQU_PRINT_TIMEOUT=3 -- --printer nosuch
	tui_expect_flat "There is no printer named 'nosuch'. Printers: $Q2, $Q." "unknown printer: message"
	tui_expect_flat "Printer '$Q' is chosen instead." "unknown printer: says which is chosen"
	tui_expect "(*) $Q" "unknown printer: the default chosen instead"
	tm_send Enter
	tui_expect_flat "Printing on '$Q': job" "timeout: progress is shown"
	tui_expect_bar "Esc Cancel printing" "timeout: the key bar: Esc cancels"
	tui_bar_lacks "Enter" "timeout: no Enter on the key bar while the job is followed"
	case "$(tui_buttons)" in *Enter*) tui_fail "timeout: an Enter button while the job is followed" ;; *) pass ;; esac
	tui_expect_flat "with the printer (2 s)" "timeout: the screen keeps running while the job waits"
	tui_expect_flat "did not finish within 3 seconds" "timeout: message" 8
	tui_expect_flat "the printer is stopped (disabled)" "timeout: says why"
	tui_expect_flat "--save-dir DIR" "timeout: no save directory: says how to set one"
	queue_idle "$Q" || fail "timeout: the job was left in the queue"
	tm_send s
	tui_expect_flat "No directory for saved sheets" "no save directory: s says so"
	tm_send Enter
	tui_expect_flat "Printing on '$Q': job" "cancel: a second job is followed"
	tm_send Escape
	tui_expect_bar "Printing cancelled: job" "cancel: Esc cancels it"
	tm_expect_not "Copies" "cancel: the dialog closed"
	queue_idle "$Q" || fail "cancel: the job was left in the queue"
	tui_quit "TUI: q quits (timeout)"
	cupsenable "$Q"
	lpadmin -x "$Q2"
	expect_eq "$TM_FAIL" 0 "TUI: tmux checks"
fi

# No queue at all.
lpadmin -x "$Q"
run --data "$DATA" --print 滟澜社区
expect_status 1 "no printers"
expect_contains "$err" "No printer is set up" "no printers: message"

# The scheduler stopped.
cupsd_stop
run --data "$DATA" --print 滟澜社区 --save-dir "$TMP/save"
expect_status 1 "scheduler stopped"
expect_contains "$err" "Cannot reach the CUPS print service" "scheduler stopped: message"
expect_contains "$err" "The sheet was saved as $saved." "scheduler stopped: sheet saved"
if [ -n "$have_tui" ]; then
	# The sheet is saved by itself when printing fails here too; in
	# Chinese, whole sentences (item 20).
	rm -f "$SAVE/330114001017-both.pdf"
	tui_open 61 20 SHEQU_SAVE_DIR="$SAVE"
	tui_expect_flat "Cannot reach the CUPS print service at $CUPS_SERVER: is cupsd running?" "TUI, scheduler stopped: message"
	tui_expect_flat "Press s to save the sheet as a PDF file in $SAVE." "TUI, scheduler stopped: offers to save"
	tm_send L
	tui_expect_flat "无法连接 $CUPS_SERVER 上的 CUPS 打印服务：cupsd 是否在运行？按 s 可把信息单作为 PDF 文件保存到 $SAVE。" \
		"TUI, scheduler stopped: in Chinese, whole sentences"
	tui_no_doubled "TUI, scheduler stopped, in Chinese"
	tm_send Enter
	tui_expect_flat "cupsd 是否在运行？信息单已保存为 $SAVE/330114001017-both.pdf。" \
		"TUI, scheduler stopped: Enter fails, the sheet saved by itself"
	tui_no_doubled "TUI, scheduler stopped, Enter, in Chinese"
	if cmp -s "$SAVE/330114001017-both.pdf" "$TMP/ref.pdf"; then pass; else fail "TUI, scheduler stopped: the saved PDF"; fi
	tm_send L
	rm -f "$SAVE/330114001017-both.pdf"
	tm_send s
	tui_expect_flat "The sheet was saved as $SAVE/330114001017-both.pdf." "TUI, scheduler stopped: s saves"
	if cmp -s "$SAVE/330114001017-both.pdf" "$TMP/ref.pdf"; then pass; else fail "TUI, scheduler stopped: the saved PDF"; fi
	tui_quit "TUI, scheduler stopped"

	# Started in Chinese, where the messages are made in Chinese from the
	# start: whole sentences, none trimmed or doubled (item 20).
	tm_start 61 20 CUPS_SERVER="$CUPS_SERVER" HOME="$HOME" SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" \
		SHEQU_SAVE_DIR="$SAVE" -- --data "$DATA" --lang zh
	tui_expect "退出" "TUI in Chinese: starts"
	tm_send /
	tui_expect "搜索" "TUI in Chinese: search bar"
	tm_type "滟澜"
	tui_expect "滟澜社区" "TUI in Chinese: 滟澜 found"
	tm_send Enter
	tui_expect "330114001017" "TUI in Chinese: the detail view"
	tm_send p
	tui_expect "份数" "TUI in Chinese: p opens the print dialog"
	tui_expect_flat "cupsd 是否在运行？按 s 可把信息单作为 PDF 文件保存到 $SAVE。" \
		"TUI in Chinese, scheduler stopped: whole sentences"
	tui_no_doubled "TUI in Chinese, scheduler stopped"
	tm_send Enter
	tui_expect_flat "cupsd 是否在运行？信息单已保存为 $SAVE/330114001017-zh.pdf。" \
		"TUI in Chinese, scheduler stopped: Enter fails, the sheet (in Chinese) saved by itself"
	tui_no_doubled "TUI in Chinese, scheduler stopped, Enter"
	tui_quit "TUI in Chinese"
	expect_eq "$TM_FAIL" 0 "TUI: tmux checks at the end"
fi
finish
