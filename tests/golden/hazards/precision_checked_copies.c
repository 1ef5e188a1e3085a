/* A copy whose length a condition earlier in the function compares with the
 * destination's size (`if (len >= sizeof(key)) return`), or tests by the
 * source's own length variable (`backends_len`), is checked as its author
 * meant: low, not a default finding. A format the function builds with
 * snprintf from a literal is the program's own: low. */
#include <stdio.h>
#include <string.h>

int copy_key_fixed(const char *encoded, size_t encoded_len)
{
	char key[25];
	if (encoded_len >= sizeof(key))
		return -1;
	strcpy(key, encoded);
	return key[0];
}

int copy_key_flawed(const char *encoded)
{
	char key[25];
	strcpy(key, encoded); // EXPECT: OXI-C0001=medium
	return key[0];
}

size_t copy_list_fixed(char *buffer, size_t size, const char *backends, size_t backends_len)
{
	if (size <= backends_len) {
		strncpy(buffer, backends, size - 1);
		buffer[size - 1] = '\0';
		return size - 1;
	}
	strcpy(buffer, backends);
	return backends_len;
}

void progress_fixed(FILE *out, const char *line, double percent, int width)
{
	char format[40];
	snprintf(format, sizeof(format), "\r%%-%ds %%5.1f%%%%", width);
	fprintf(out, format, line, percent);
}

void progress_flawed(FILE *out, const char *line, double percent)
{
	char format[40];
	if (!fgets(format, sizeof format, stdin))
		return;
	fprintf(out, format, line, percent); // EXPECT: OXI-C0009=medium
}

/* A block allocated in the function for the lengths of what goes into it. */
#include <stdlib.h>

int join_fixed(char **ip_port, const char *host, const char *port)
{
	*ip_port = malloc(strlen(host) + strlen(port) + 2);
	if (*ip_port == NULL)
		return 0;
	strcpy(*ip_port, host);
	strcat(*ip_port, ":");
	strcat(*ip_port, port);
	return 1;
}

int join_flawed(char **ip_port, const char *host, const char *port, size_t size)
{
	*ip_port = malloc(size);
	if (*ip_port == NULL)
		return 0;
	strcpy(*ip_port, host); // EXPECT: OXI-C0001=medium
	strcat(*ip_port, port); // EXPECT: OXI-C0002=medium
	return 1;
}

/* A constant string array copied: a known, short text. */
int context_fixed(unsigned char *tbs, int server)
{
	static const char servercontext[] = "TLS 1.3, server CertificateVerify";
	static const char clientcontext[] = "TLS 1.3, client CertificateVerify";
	if (server)
		strcpy((char *)tbs + 64, servercontext);
	else
		strcpy((char *)tbs + 64, clientcontext);
	return tbs[0];
}

void context_flawed(void)
{
	static const char context[] = "TLS 1.3, server CertificateVerify";
	char small[16];
	strcpy(small, context); // EXPECT: OXI-C0021=high
	puts(small);
}

/* The room checked with the string's length before a copy and an append. */
char *file_name_fixed(char *buf, size_t size, const char *s)
{
	size_t len = strlen(s);
	if (len + 1 + 1 >= size)
		return NULL;
	strcpy(buf, s);
	strcat(buf, "/");
	return buf;
}

/* Arrays declared with the same size as written (a header's macro the
 * analysis cannot evaluate): the source's string fits the destination. A
 * smaller size, or a different element type, proves nothing. */
#include <limits.h>
static char saved_path[PATH_MAX];

void remember_path_fixed(void)
{
	char current[PATH_MAX];
	strcpy(current, saved_path);
	puts(current);
}

void remember_path_flawed(void)
{
	char current[PATH_MAX / 2];
	strcpy(current, saved_path); // EXPECT: OXI-C0001
	puts(current);
}

/* Members of the file's structs, declared with the same size as written
 * (libpng's pngcp: `char curr[32*SL]; char best[32*SL];`). */
#define SL 8
struct search {
	char curr[32 * SL];
	char best[32 * SL];
	char note[SL];
};

void keep_best_fixed(struct search *dp)
{
	strcpy(dp->best, dp->curr);
}

void keep_note_flawed(struct search *dp)
{
	strcpy(dp->note, dp->curr); // EXPECT: OXI-C0001
}

/* A member of known size and a local array no larger (curl's socksd:
 * `char value[32]` filled by sscanf "%31s", copied into `config.user[256]`). */
struct socks_config {
	char addr[32];
	char user[256];
};
static struct socks_config socks;

void set_user_fixed(const char *line)
{
	char value[32];
	if (sscanf(line, "user: %31s", value) == 1)
		strcpy(socks.user, value);
}

void set_addr_flawed(const char *line)
{
	char value[64];
	if (sscanf(line, "addr: %63s", value) == 1)
		strcpy(socks.addr, value); // EXPECT: OXI-C0001
}

#include <stdlib.h>

/* A block allocated for the lengths a variable added up (openssl's
 * endecode_test: `space = strlen(name); space += strlen(*list) + 2;`). */
void add_name_fixed(char **list, const char *name)
{
	char *grown;
	size_t space;
	space = strlen(name);
	if (*list != NULL)
		space += strlen(*list) + 2;
	space++;
	grown = realloc(*list, space);
	if (grown == NULL)
		return;
	if (*list != NULL) {
		strcat(grown, ", "); // EXPECT: OXI-C0002=low
		strcat(grown, name); // EXPECT: OXI-C0002=low
	} else {
		strcpy(grown, name); // EXPECT: OXI-C0001=low
	}
	*list = grown;
}

void add_name_flawed(char **list, const char *name)
{
	char *grown = realloc(*list, 64);
	if (grown == NULL)
		return;
	strcat(grown, name); // EXPECT: OXI-C0002
	*list = grown;
}

/* A pointer difference compared with the destination's size before the
 * copy (curl's inet_ntop: `if ((size_t)(tp - tmp) > size) return NULL;`). */
char *format_address_fixed(char *dst, size_t size, const char *src)
{
	char tmp[64];
	char *tp = tmp;
	while (*src != '\0' && tp < tmp + sizeof tmp - 1)
		*tp++ = *src++;
	*tp++ = '\0';
	if ((size_t)(tp - tmp) > size)
		return NULL;
	strcpy(dst, tmp);
	return dst;
}

char *format_address_flawed(char *dst, const char *src)
{
	char tmp[64];
	char *tp = tmp;
	while (*src != '\0' && tp < tmp + sizeof tmp - 1)
		*tp++ = *src++;
	*tp = '\0';
	strcpy(dst, tmp); // EXPECT: OXI-C0001
	return dst;
}

/* A pointer given only elements of a constant table of literals (curl's
 * lib1915: `expire = preload_hosts[i].exp`) points to one of those short
 * strings. A table that also holds a pointer to a buffer proves nothing. */
struct host_entry {
	const char *name;
	const char *expire;
};
static const struct host_entry preload[] = {
	{ "1.example.com", "20370320 01:02:03" },
	{ NULL, NULL }
};
static char user_supplied[4096];
static const struct host_entry mixed[] = {
	{ "1.example.com", user_supplied },
	{ NULL, NULL }
};

void copy_expiry_fixed(char *out, int index)
{
	const char *expire;
	expire = preload[index].expire;
	strcpy(out, expire); // EXPECT: OXI-C0001=low
}

void copy_mixed_flawed(char *out, int index)
{
	const char *expire;
	expire = mixed[index].expire;
	strcpy(out, expire); // EXPECT: OXI-C0001
}
