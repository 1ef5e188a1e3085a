/* Known miss (ITC uninit_var, "initialised in one branch only"): status is
 * written only when fd >= 0. "Was written" only grows when branches join (a
 * write on any path counts), which keeps the analysis quiet on code it cannot
 * follow but misses this. */
int open_status(int fd)
{
	int status;
	if (fd >= 0)
		status = 0;
	return status; // EXPECT: OXI-C0019
}
