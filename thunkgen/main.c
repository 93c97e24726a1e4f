/*
 * thunkgen: generates a library's guest and host thunks.
 *
 *   thunkgen --spec FILE --library REAL.so --output-dir DIR
 *            [--host-triple T] [--guest TRIPLE=SYSROOT]... [-I DIR]...
 *
 * Reads the spec, the real library's exports, and its headers parsed for
 * the host and for every guest triple; writes DIR/thunk_args.h,
 * DIR/guest.c, DIR/host.c, DIR/guest.map and DIR/report.txt. Fails, with
 * a message naming the export, type or spec line, when an export is
 * neither thunked nor listed as unsupported, or when a type crossing the
 * boundary differs between host and guest.
 */
#include <stdlib.h>
#include <string.h>

#include "thunkgen.h"

static const char usage[] =
    "usage: thunkgen --spec FILE --library REAL.so --output-dir DIR\n"
    "                [--host-triple T] [--guest TRIPLE=SYSROOT]... "
    "[-I DIR]...\n";

int main(int argc, char **argv)
{
	const char *spec_path = NULL, *library = NULL, *output = NULL;
	struct guest_target guests[8];
	const char *includes[32];
	struct parse_options options = {"x86_64-linux-gnu", guests, 0, includes,
					0};
	struct output_paths paths;
	struct export_list exports;
	struct spec spec;
	struct model model;
	char error[512];

	for (int i = 1; i < argc; i++) {
		const char *value = i + 1 < argc ? argv[i + 1] : NULL;

		if (!value) {
			fputs(usage, stderr);
			return 2;
		}
		if (strcmp(argv[i], "--spec") == 0)
			spec_path = value;
		else if (strcmp(argv[i], "--library") == 0)
			library = value;
		else if (strcmp(argv[i], "--output-dir") == 0)
			output = value;
		else if (strcmp(argv[i], "--host-triple") == 0)
			options.host_triple = value;
		else if (strcmp(argv[i], "--guest") == 0 &&
			 strchr(value, '=') && options.guest_count < 8) {
			char *copy = strdup(value);
			char *equals = strchr(copy, '=');

			*equals = '\0';
			guests[options.guest_count].triple = copy;
			guests[options.guest_count++].sysroot = equals + 1;
		} else if (strcmp(argv[i], "-I") == 0 &&
			   options.include_count < 32)
			includes[options.include_count++] = value;
		else {
			fputs(usage, stderr);
			return 2;
		}
		i++;
	}
	if (!spec_path || !library || !output) {
		fputs(usage, stderr);
		return 2;
	}
	if (parse_spec(spec_path, &spec) != 0)
		return 1;
	if (!spec.host_file)
		spec.host_file = format_string(
		    "lib%.*s-host.so", (int)strcspn(spec.soname + 3, "."),
		    spec.soname + 3);
	if (read_exports(library, &exports, error, sizeof(error)) != 0) {
		thunkgen_error("%s", error);
		return 1;
	}
	if (build_model(&spec, &exports, &options, &model) != 0)
		return 1;
	paths.arguments_header = format_string("%s/thunk_args.h", output);
	paths.guest_source = format_string("%s/guest.c", output);
	paths.host_source = format_string("%s/host.c", output);
	paths.version_script = format_string("%s/guest.map", output);
	paths.report = format_string("%s/report.txt", output);
	return emit_thunks(&spec, &model, &paths) ? 1 : 0;
}
