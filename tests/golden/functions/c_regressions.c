/* Cases found by comparing with pmccabe on the kernel (docs/functions.md). */

#if 0 /* a comment after #if 0 keeps it dead code */
int dead(void) { return 0; }
#endif

#if (0)
int also_dead(void) { return 0; }
#endif

// EXPECT: name=commented_if_zero ccn=1
int commented_if_zero(int x)
{
#if 0 // old code
	if (x) return 1;
#endif
	return 0;
}

struct uses_operator { int operator; };
// EXPECT: name=after_operator_field ccn=1 params=1
int after_operator_field(int x) { return x; }

// EXPECT: name=FNAME ccn=2
static int FNAME(fetch)(struct kvm_vcpu *vcpu, int n)
{
	for_each_entry(vcpu, n) {
		if (n)
			return 1;
	}
	return 0;
}

static unsigned
// EXPECT: name=decode params=2
decode(ir,cls)
unsigned ir,class;
{
	return 0;
}

// EXPECT: name=__log_desc ccn=2 params=2
static __printf(2, 0) void __log_desc(int level, const char *fmt)
{
	if (level) emit(fmt);
}

// EXPECT: name=__encap ccn=2 params=1
SEC("tc") int __encap(struct __sk_buff *skb)
{
	return skb ? 1 : 0;
}

// EXPECT: name=__phy_reg_verify_state params=1
static bool __printf(6, 7) __phy_reg_verify_state(int x)
{
	return x;
}

DT_MACHINE_START(board, "Board")
	.init_machine = board_init,
MACHINE_END

// EXPECT: name=board_late_init ccn=2
static void __init board_late_init(void)
{
	if (x) y();
}

// EXPECT: name=set ccn=1 params=2
void set(struct tc *t, int catch)
{
	t->catch = catch;
}

QUIRK(0x1057, NULL),
{
	.vendor = 1,
},

LIST_HEAD(pending)
struct after_macro { int x; };

DEFS(A, B)
struct __packed blob { int x; };

// EXPECT: name=last ccn=1
int last(void) { return 0; }
