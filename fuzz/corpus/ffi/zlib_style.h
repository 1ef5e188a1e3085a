/* The constructs of zlib's zconf.h and zlib.h, written for the corpus. */
#ifndef OF
#  ifdef STDC
#    define OF(args)  args
#  else
#    define OF(args)  ()
#  endif
#endif
#if defined(ZLIB_CONST)
#  define z_const const
#else
#  define z_const
#endif
#if (UINT_MAX == 0xffffffffUL)
#  define Z_U4 unsigned
#elif (ULONG_MAX == 0xffffffffUL)
#  define Z_U4 unsigned long
#endif
#ifdef Z_U4
   typedef Z_U4 z_crc_t;
#else
   typedef unsigned long z_crc_t;
#endif
#define MAX_WBITS 15
typedef unsigned char  Byte;
typedef unsigned int   uInt;
typedef unsigned long  uLong;
typedef Byte  FAR Bytef;
typedef void FAR *voidpf;
typedef voidpf (*alloc_func) OF((voidpf opaque, uInt items, uInt size));
typedef void   (*free_func)  OF((voidpf opaque, voidpf address));
struct internal_state;
typedef struct z_stream_s {
    z_const Bytef *next_in;
    uInt     avail_in;
    struct internal_state FAR *state;
    alloc_func zalloc;
    Bytef window[1 << MAX_WBITS];
    Bytef small[MAX_WBITS];
} z_stream;
typedef z_stream FAR *z_streamp;
ZEXTERN int ZEXPORT deflate OF((z_streamp strm, int flush));
int ZEXPORT deflate(strm, flush) z_streamp strm; int flush;
uLong ZEXPORT crc32(crc, buf, len) uLong crc; const Bytef *buf; uInt len;
const z_crc_t FAR * ZEXPORT get_crc_table()
extern z_const char * const z_errmsg[10];
