/* Suppressions: `oxidize:ignore[OXI-C0001,OXI-C0004] reason` in a comment
 * silences those rules: after code (or before code on its line), on the
 * comment's own line only; alone on its lines, on the next line only. `[*]`
 * silences every rule. An unknown id or a malformed marker is a warning and
 * silences nothing (tests/unit/hazards/test_suppressions.cpp checks the
 * warnings). A suppressed finding is still found (suppressed == true, with
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

void trailing_comment_covers_its_own_line_only(void)
{
	char line[64];
	gets(line); /* oxidize:ignore[OXI-C0004] this read comes from a fixed file */ // EXPECT-SUPPRESSED: OXI-C0004 this read comes from a fixed file
	gets(line); // EXPECT: OXI-C0004
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

void comment_alone_covers_the_next_line_only(void)
{
	char line[64];
	// oxidize:ignore[OXI-C0004] the first read only
	gets(line); // EXPECT-SUPPRESSED: OXI-C0004 the first read only
	gets(line); // EXPECT: OXI-C0004
}

void comment_before_code_on_its_line(void)
{
	char line[64];
	/* oxidize:ignore[OXI-C0004] fixed file */ gets(line); // EXPECT-SUPPRESSED: OXI-C0004 fixed file
	gets(line); // EXPECT: OXI-C0004
}

void a_second_comment_line_breaks_the_link(void)
{
	char line[64];
	// oxidize:ignore[OXI-C0004] covers the next line, which is a comment
	// (a second line of explanation)
	gets(line); // EXPECT: OXI-C0004
}

void unknown_ids_warn_and_known_ones_count(void)
{
	char line[64];
	// oxidize:ignore[OXI-C0004, OXI-X] the unknown one is a warning
	gets(line); // EXPECT-SUPPRESSED: OXI-C0004 the unknown one is a warning
}

void malformed_markers_silence_nothing(void)
{
	char line[64];
	gets(line); // oxidize:ignore OXI-C0004 without brackets // EXPECT: OXI-C0004
	gets(line); // oxidize:ignore[OXI-C0004 never closed // EXPECT: OXI-C0004
	gets(line); // oxidize:ignore[] no id // EXPECT: OXI-C0004
}
