#ifndef CONFIG_H
#define CONFIG_H

/* CRLF line ends */
struct config { int class; };

#endif