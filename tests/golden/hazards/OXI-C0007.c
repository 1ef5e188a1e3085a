/* OXI-C0007 mem-size-unproven: memcpy/memmove/memset/wmemcpy/bcopy with a size
 * that is not tied to the destination. Always low confidence (hidden by
 * default). Not reported when the size is `sizeof dst` / `sizeof(dst)` or a
 * constant expression; a constant that exceeds a destination of known size is
 * OXI-C0021, one that exceeds the source (not for memset) OXI-C0022. */
#include <stdint.h>
#include <string.h>

struct packet {
	uint16_t len;
	uint8_t data[256];
};

void read_payload_flawed(const struct packet *pkt, uint8_t *out)
{
	uint8_t payload[128];
	memcpy(payload, pkt->data, pkt->len); // EXPECT: OXI-C0007=low
	memcpy(out, payload, sizeof payload);
}

int read_payload_fixed(const struct packet *pkt, uint8_t *out)
{
	uint8_t payload[128];
	if (pkt->len > sizeof payload)
		return -1;
	memcpy(payload, pkt->data, sizeof payload); // EXPECT: none
	memcpy(out, payload, 128); // EXPECT: none
	return 0;
}

void clear_header_overrun(void)
{
	uint8_t header[16];
	memset(header, 0, 32); // EXPECT: OXI-C0021
	header[0] = 1;
}

void copy_key_overread(uint8_t *dst)
{
	uint8_t key[16] = {0};
	memcpy(dst, key, 32); // EXPECT: OXI-C0022
}
