/* Known false function, as in the kernel's sound/usb/quirks-table.h (a file
 * of array elements, included inside an initialiser elsewhere): a macro call
 * with identifier-only arguments, a comma, then a brace-initialised element
 * reads like a K&R signature. With a number or string argument it is
 * recognised as a list element. Expected: no function here. */
QUIRK(VENDOR, PRODUCT),
{
	.flags = 1,
},
