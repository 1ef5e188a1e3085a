/* Sizes as written, from a header this tree does not hold (MAX_PATH,
 * PATH_MAX): a copy between arrays of the same written size fits whatever
 * the element type is called (TCHAR, char), and so does a copy from a
 * parameter every caller of the file gives such an array, or from a suffix
 * of one (`strrchr(path, '\\') + 1`). VisualPng and the kernel's
 * gen_init_cpio. Each fixed copy has a flawed twin. */
#include <string.h>
#include <windows.h>

static char command_path[MAX_PATH];

void same_written_size_fixed(void)
{
	static TCHAR image_path[MAX_PATH];
	strcpy(image_path, command_path);
}

void smaller_written_size_flawed(void)
{
	static TCHAR short_name[NAME_MAX];
	strcpy(short_name, command_path); // EXPECT: OXI-C0001
}

static void split_path_fixed(PTSTR path)
{
	static TCHAR dir[MAX_PATH];
	static TCHAR file[MAX_PATH];
	strcpy(dir, path);
	strcpy(file, strrchr(path, '\\') + 1);
}

void call_split(void)
{
	static TCHAR chosen[MAX_PATH];
	split_path_fixed(chosen);
	split_path_fixed(command_path);
}

/* One caller passes a larger array: nothing is known of the parameter. */
static void split_path_flawed(const char *path)
{
	char dir[MAX_PATH];
	strcpy(dir, path); // EXPECT: OXI-C0001
}

void call_split_flawed(void)
{
	char long_path[MAX_PATH * 2];
	split_path_flawed(command_path);
	split_path_flawed(long_path);
}

/* The parameter moves before the copy: it is not what the callers gave. */
static void skip_prefix_flawed(char *path)
{
	char dir[MAX_PATH];
	path -= 4;
	strcpy(dir, path); // EXPECT: OXI-C0001
}

void call_skip(void)
{
	skip_prefix_flawed(command_path);
}
