/*
 * gen_man: prints the man page's generated lists from the tables the
 * program itself uses, so man/bantin.1 cannot drift from --help.
 * scripts/man-lists.py splices the output into the page, or checks it.
 *
 * Usage: gen_man options
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

struct gen_man_option {
	const char *name;
	char short_name;
	const char *arg;
	const char *help;
};

static const struct gen_man_option gen_man_options[] = {
#define MAIN_OPTION(id, name, short_name, arg, help) {name, short_name, arg, help},
#include "main_options.def"
#undef MAIN_OPTION
};

/* Writes s as man text: first letter capitalised, a full stop at the end. */
static void gen_man_sentence(const char *s)
{
	if (s[0] == '.' || s[0] == '\'')
		fputs("\\&", stdout);
	putchar(toupper((unsigned char)s[0]));
	for (const char *p = s + 1; *p != '\0'; p++) {
		if (*p == '\\')
			fputs("\\e", stdout);
		else
			putchar(*p);
	}
	puts(".");
}

static void gen_man_option_list(void)
{
	for (size_t i = 0; i < sizeof gen_man_options / sizeof gen_man_options[0]; i++) {
		const struct gen_man_option *o = &gen_man_options[i];
		fputs(".It", stdout);
		if (o->short_name != '\0')
			printf(" Fl %c ,", o->short_name);
		printf(" Fl \\-%s", o->name);
		if (o->arg != NULL)
			printf(" Ar %s", o->arg);
		putchar('\n');
		gen_man_sentence(o->help);
	}
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "options") == 0) {
		gen_man_option_list();
		return 0;
	}
	fputs("usage: gen_man options\n", stderr);
	return 2;
}
