/* A function the file defines is its own, not the C library's function of
 * the same name (the kernel's ipc/namespace.c defines `static void
 * free(struct ipc_namespace *, struct kern_ipc_perm *)`): calling it frees
 * nothing as libc's free would, and its first argument stays usable; what
 * it does is its summary's (here: it dereferences its first argument). */

struct ns {
	int count;
};

struct perm {
	int id;
};

static void release_perm(struct perm *p)
{
	p->id = 0;
}

static void free(struct ns *ns, struct perm *perm)
{
	ns->count--;
	release_perm(perm);
}

void free_all_fixed(struct ns *ns, struct perm **perms, int n)
{
	for (int i = 0; i < n; i++) {
		free(ns, perms[i]);
		ns->count += 0;
	}
}

void free_with_null_flawed(struct perm **perms)
{
	struct ns *ns = NULL;
	free(ns, perms[0]); // EXPECT: OXI-C0020
}
