/*
 * text_termcheck: checks that the widths the text module computes are
 * what a real terminal does. Run inside a terminal (the tests use tmux):
 * for each sample it draws what text_cluster_next shows, asks the terminal
 * where its cursor is (DSR, ESC [ 6 n) and compares; it also compares with
 * glibc's wcwidth, which is what ncursesw measures with.
 *
 * usage: text_termcheck REPORT_FILE
 * The report gets one line per sample and "N passed, N failed" at the end.
 */
#define _XOPEN_SOURCE 700
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "core.h"
#include "text.h"

static const struct {
	const char *label, *text;
} samples[] = {
    {"vi-nfc", "Thành phố Hải Phòng: ặ ệ ộ ớ ự Đoàn"},
    {"vi-nfd", "Tha\xcc\x80nh pho\xcc\x82\xcc\x81 Ha\xcc\x89i: a\xcc\xa3\xcc\x86 "
	       "e\xcc\xa3\xcc\x82 o\xcc\xa3\xcc\x82 o\xcc\x9b\xcc\x81 u\xcc\x9b\xcc\xa3"},
    {"cjk", "中文新闻 日本語 한국어"},
    {"emoji", "tin 👍 mới 🎉"},
    {"zwj", "gia đình 👨‍👩‍👧 👩‍💻"},
    {"skin-tone", "👍🏽 👋🏿"},
    {"flag", "🇻🇳 🇯🇵"},
    {"vs16", "❤️ ☺️ ©️"},
    {"keycap", "1️⃣ #️⃣"},
    {"orphan-mark", "\xcc\x81 x"},
    {"mark-flood", "a\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81 b"},
    {"thai", "ที่นี่ ข่าว"},
    {"devanagari", "समाचार हिन्दी"},
    {"arabic", "أخبار"},
    {"controls", "a\x1b[2Jb\x07"
		 "c\xc2\x9b"
		 "d"},
    {"format", "soft\xc2\xadhy\xe2\x80\x8bphen \xe2\x80\xae"
	       "bidi"},
    {"tab", "a\tb\tc"},
    {"wide-punct", "「引用」、。"},
    {"box", "─│┌┐ • … – —"},
};

/* Asks the terminal for the cursor column (0-based); -1 on no answer. */
static int cursor_column(void)
{
	if (write(STDOUT_FILENO, "\x1b[6n", 4) != 4)
		return -1;
	char buf[32];
	size_t n = 0;
	while (n < sizeof buf - 1) {
		struct pollfd p = {STDIN_FILENO, POLLIN, 0};
		if (poll(&p, 1, 3000) <= 0)
			return -1;
		if (read(STDIN_FILENO, buf + n, 1) != 1)
			return -1;
		if (buf[n++] == 'R')
			break;
	}
	buf[n] = '\0';
	char *semi = strchr(buf, ';');
	return semi != NULL ? (int)strtol(semi + 1, NULL, 10) - 1 : -1;
}

/* Sum of wcwidth over the code points of s (what ncursesw would count). */
static int wcwidth_sum(const char *s)
{
	int total = 0;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		int32_t cp;
		i += text_utf8_decode(s + i, len - i, &cp);
		int w = wcwidth((wchar_t)cp);
		total += w > 0 ? w : 0;
	}
	return total;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: text_termcheck REPORT_FILE\n", stderr);
		return 2;
	}
	setlocale(LC_ALL, "C.UTF-8");
	FILE *report = fopen(argv[1], "w");
	if (report == NULL)
		return 1;
	struct termios saved, raw;
	tcgetattr(STDIN_FILENO, &saved);
	raw = saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);

	int passed = 0, failed = 0;
	for (size_t i = 0; i < CORE_NELEM(samples); i++) {
		const char *s = samples[i].text;
		size_t len = strlen(s);
		struct core_buf drawn;
		core_buf_init(&drawn, 0);
		struct text_cluster c;
		int col = 0;
		for (size_t k = 0; k < len; k += c.len) {
			text_cluster_next(s + k, len - k, col, &c);
			core_buf_puts(&drawn, c.show);
			col += c.width;
		}
		int ours = text_width(s, len);
		int wc = wcwidth_sum(core_buf_str(&drawn));
		if (write(STDOUT_FILENO, "\r\x1b[K", 4) != 4 ||
		    write(STDOUT_FILENO, drawn.data, drawn.len) != (ssize_t)drawn.len)
			return 1;
		int term = cursor_column();
		bool ok = ours == term && ours == wc && ours == col;
		fprintf(report, "%-12s text %2d terminal %2d wcwidth %2d %s\n", samples[i].label,
			ours, term, wc, ok ? "ok" : "FAIL");
		if (ok)
			passed++;
		else
			failed++;
		core_buf_free(&drawn);
	}
	tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	fprintf(report, "%d passed, %d failed\n", passed, failed);
	fclose(report);
	if (write(STDOUT_FILENO, "\r\ntermcheck done\r\n", 18) != 18)
		return 1;
	return failed == 0 ? 0 : 1;
}
