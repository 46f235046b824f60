# SPDX-License-Identifier: MIT
# A private cupsd for tests (sourced): no printer, no clash with a system one
# (see ../shared/PRINTING.md).  cupsd_start DIR makes its configuration under
# DIR (which the lp user must be able to read), starts it, and exports
# CUPS_SERVER; cupsd_queue NAME adds a queue whose file device receives the
# job's bytes unchanged, in DIR/out/NAME.out; cupsd_stop stops it.  DIR's
# parent is made readable by all (the lp user writes the output).  Needs
# root; cupsd_usable says whether it can run here.

cupsd_usable() {
	local tool
	for tool in cupsd lpadmin lpstat; do
		command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin"
		command -v "$tool" >/dev/null || return 1
	done
	[ "$(id -u)" = 0 ]
}

CUPSD_PID=
cupsd_start() {
	CUPSD_ROOT=$1
	local r=$1
	mkdir -p "$r/etc" "$r/spool/tmp" "$r/cache" "$r/state" "$r/log" "$r/run" "$r/out"
	# The filters run as lp: they must reach the output directory (and
	# mktemp -d makes the test's directory 0700).
	chmod 755 "$(dirname "$r")" "$r" "$r/out"
	cat >"$r/etc/cups-files.conf" <<EOF
ServerRoot $r/etc
RequestRoot $r/spool
TempDir $r/spool/tmp
CacheDir $r/cache
StateDir $r/state
ErrorLog $r/log/error_log
AccessLog $r/log/access_log
PageLog $r/log/page_log
Printcap $r/etc/printcap
FileDevice Yes
EOF
	cat >"$r/etc/cupsd.conf" <<EOF
Listen $r/run/cups.sock
Browsing No
WebInterface No
<Location />
</Location>
EOF
	# A confined /usr/sbin/cupsd may not touch our directory: run a copy.
	local cupsd
	cupsd=$(command -v cupsd)
	if [ -r /sys/kernel/security/apparmor/profiles ] &&
		grep -q 'cupsd' /sys/kernel/security/apparmor/profiles; then
		cp "$cupsd" "$r/cupsd"
		cupsd="$r/cupsd"
	fi
	export CUPS_SERVER="$r/run/cups.sock"
	"$cupsd" -f -c "$r/etc/cupsd.conf" -s "$r/etc/cups-files.conf" &
	CUPSD_PID=$!
	local _
	for _ in $(seq 200); do
		lpstat -r 2>/dev/null | grep -q "scheduler is running" && return 0
		sleep 0.05
	done
	cat "$r/log/error_log" >&2
	return 1
}

cupsd_queue() {
	lpadmin -p "$1" -E -v "file://$CUPSD_ROOT/out/$1.out" \
		-P "$SHEQU_SRCDIR/tests/data/passthrough-pdf.ppd"
}

cupsd_stop() {
	if [ -n "$CUPSD_PID" ]; then
		kill "$CUPSD_PID" 2>/dev/null
		wait "$CUPSD_PID" 2>/dev/null
		CUPSD_PID=
	fi
}
