/* Suppressions: `oxidize:ignore[ID,ID] reason` in a comment silences those
 * rules on the comment's own lines and on the line after it; `[*]` silences
 * every rule. A suppressed finding is still found (suppressed == true, with
 * the reason) and counted; the outputs hide it unless --show-suppressed.
 * Checked by tests/unit/hazards/test_golden_hazards.cpp (EXPECT-SUPPRESSED
 * gives the rule and the exact reason). */
#include <stdio.h>
#include <string.h>

void on_the_line(void)
{
	char line[64];
	gets(line); /* oxidize:ignore[OXI-C0004] test harness, input is a fixed file */ // EXPECT-SUPPRESSED: OXI-C0004 test harness, input is a fixed file
	puts(line);
}

void on_the_line_above(const char *name)
{
	char buf[32];
	// oxidize:ignore[OXI-C0001] name is validated to 31 bytes by the caller
	strcpy(buf, name); // EXPECT-SUPPRESSED: OXI-C0001 name is validated to 31 bytes by the caller
	puts(buf);
}

void several_ids(char *out, const char *fmt, int n)
{
	// oxidize:ignore[OXI-C0003, OXI-C0009] fmt comes from a compiled-in table
	sprintf(out, fmt, n); // EXPECT-SUPPRESSED: OXI-C0003 fmt comes from a compiled-in table // EXPECT-SUPPRESSED: OXI-C0009 fmt comes from a compiled-in table
}

void only_the_named_rule(char *out, const char *fmt, int n)
{
	// oxidize:ignore[OXI-C0009] fmt comes from a compiled-in table
	sprintf(out, fmt, n); // EXPECT: OXI-C0003 // EXPECT-SUPPRESSED: OXI-C0009 fmt comes from a compiled-in table
}

void every_rule(void)
{
	char line[64];
	/* oxidize:ignore[*] legacy
	   input loop, replaced in 2.0 */
	gets(line); // EXPECT-SUPPRESSED: OXI-C0004 legacy
	puts(line);
}

void no_reason(void)
{
	char line[64];
	// oxidize:ignore[OXI-C0004]
	gets(line); // EXPECT-SUPPRESSED: OXI-C0004
	puts(line);
}

void trailing_comment_covers_the_next_line_too(void)
{
	char line[64];
	gets(line); /* oxidize:ignore[OXI-C0004] both reads come from a fixed file */ // EXPECT-SUPPRESSED: OXI-C0004 both reads come from a fixed file
	gets(line); // EXPECT-SUPPRESSED: OXI-C0004 both reads come from a fixed file
	gets(line); // EXPECT: OXI-C0004
}

void ids_are_exact(void)
{
	char line[64];
	// oxidize:ignore[OXI-C] a prefix is no id here (unlike --rules)
	gets(line); // EXPECT: OXI-C0004
	puts(line);
}

void too_far_above(void)
{
	char line[64];
	// oxidize:ignore[OXI-C0004] two lines above does not count

	gets(line); // EXPECT: OXI-C0004
	puts(line);
}

void wrong_rule(void)
{
	char line[64];
	// oxidize:ignore[OXI-C0001] not the rule that fires
	gets(line); // EXPECT: OXI-C0004
	puts(line);
}
