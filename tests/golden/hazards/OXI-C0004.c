/* OXI-C0004 gets: gets cannot limit the line to the buffer. No refinement:
 * every call is reported, at high confidence. */
#include <stdio.h>
#include <string.h>

int read_answer_flawed(void)
{
	char answer[16];
	if (gets(answer) == NULL) // EXPECT: OXI-C0004
		return -1;
	return answer[0] == 'y';
}

int read_answer_fixed(void)
{
	char answer[16];
	if (fgets(answer, sizeof answer, stdin) == NULL)
		return -1;
	answer[strcspn(answer, "\n")] = '\0';
	return answer[0] == 'y';
}
