// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * thunkgen: generates a library's guest and host thunks.
 *
 *   thunkgen --spec FILE --library REAL.so --output-dir DIR
 *            [--name NAME] [--host-file FILE] [--host-triple T]
 *            [--guest TRIPLE=SYSROOT]... [--guest-include TRIPLE=DIR]...
 *            [-I DIR]...
 *
 * Reads the spec, the real library's exports, and its headers parsed for
 * the host and for every guest triple; writes DIR/thunk_args.h,
 * DIR/guest.c, DIR/host.c, DIR/guest.map and DIR/report.txt, or with
 * --name, DIR/NAME-thunk.h, NAME-guest.c, NAME-host.c, NAME.map and
 * NAME-report.txt (libraries side by side in one directory). The host
 * thunk's file name comes from the spec's host-file or --host-file. Fails, with
 * a message naming the export, type or spec line, when an export is
 * neither thunked nor listed as unsupported, or when a type crossing the
 * boundary differs between host and guest.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "thunkgen.h"

static const char usage[] =
    "usage: thunkgen --spec FILE --library REAL.so --output-dir DIR\n"
    "                [--name NAME] [--host-file FILE] [--host-triple T]\n"
    "                [--guest TRIPLE=SYSROOT]... "
    "[--guest-include TRIPLE=DIR]... [-I DIR]...\n"
    "                [--versions-for TRIPLE]\n";

/*
 * spec guest-versions: the guest thunk being written is for the guest
 * `triple` (one of the --guest ones), whose own library of the soname is
 * in its sysroot (Debian's cross libc: /usr/aarch64-linux-gnu/lib, the
 * host's own: /lib/x86_64-linux-gnu). Its exports take that library's
 * symbol versions. Returns 0, or 1 after reporting.
 */
static int adopt_versions_of(const struct spec *spec,
			     const struct parse_options *options,
			     const char *triple, struct export_list *exports)
{
	static struct export_list guest; /* the versions stay referenced */
	const char *sysroot = NULL;
	char path[4096], error[512];

	for (size_t i = 0; i < options->guest_count; i++)
		if (strcmp(options->guests[i].triple, triple) == 0)
			sysroot = options->guests[i].sysroot;
	if (!sysroot) {
		thunkgen_error("--versions-for %s: not one of the --guest "
			       "triples",
			       triple);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/lib/%s/%s", sysroot, triple,
		 spec->soname);
	if (access(path, F_OK) != 0)
		snprintf(path, sizeof(path), "%s/lib/%s", sysroot,
			 spec->soname);
	if (read_exports(path, &guest, error, sizeof(error)) != 0 ||
	    adopt_guest_versions(exports, &guest, error, sizeof(error)) != 0) {
		thunkgen_error("%s (spec guest-versions): %s", triple, error);
		return 1;
	}
	return 0;
}

/* --guest-include TRIPLE=DIR: a directory of that guest's own headers
 * (a multiarch configuration header: jconfig.h, opensslconf.h). */
static int add_guest_include(struct parse_options *options, const char *value)
{
	const char *equals = strchr(value, '=');

	if (!equals)
		return -1;
	options->guest_includes =
	    realloc(options->guest_includes,
		    (options->guest_include_count + 1) *
			sizeof(*options->guest_includes));
	options->guest_includes[options->guest_include_count].triple =
	    strndup(value, (size_t)(equals - value));
	options->guest_includes[options->guest_include_count++].sysroot =
	    equals + 1;
	return 0;
}

int main(int argc, char **argv)
{
	const char *spec_path = NULL, *library = NULL, *output = NULL;
	const char *name = NULL, *host_file = NULL, *versions_for = NULL;
	struct guest_target guests[8];
	const char *includes[32];
	struct parse_options options = {.host_triple = "x86_64-linux-gnu",
					.guests = guests,
					.include_directories = includes};
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
		else if (strcmp(argv[i], "--name") == 0)
			name = value;
		else if (strcmp(argv[i], "--host-file") == 0)
			host_file = value;
		else if (strcmp(argv[i], "--versions-for") == 0)
			versions_for = value;
		else if (strcmp(argv[i], "--guest-include") == 0 &&
			 add_guest_include(&options, value) == 0)
			;
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
	if (!spec.host_file && host_file)
		spec.host_file = strdup(host_file);
	if (!spec.host_file) {
		thunkgen_error("%s: no host thunk file name: give 'host-file' "
			       "in the spec or --host-file (the build derives "
			       "it: scripts/thunk-facts.sh)",
			       spec_path);
		return 1;
	}
	if (resolve_group(&spec) != 0)
		return 1;
	if (read_exports(library, &exports, error, sizeof(error)) != 0) {
		thunkgen_error("%s", error);
		return 1;
	}
	if (spec.guest_versions && versions_for &&
	    adopt_versions_of(&spec, &options, versions_for, &exports) != 0)
		return 1;
	if (build_model(&spec, &exports, &options, &model) != 0)
		return 1;
	if (name) {
		paths.arguments_header =
		    format_string("%s/%s-thunk.h", output, name);
		paths.guest_source = format_string("%s/%s-guest.c", output, name);
		paths.host_source = format_string("%s/%s-host.c", output, name);
		paths.version_script = format_string("%s/%s.map", output, name);
		paths.report = format_string("%s/%s-report.txt", output, name);
	} else {
		paths.arguments_header =
		    format_string("%s/thunk_args.h", output);
		paths.guest_source = format_string("%s/guest.c", output);
		paths.host_source = format_string("%s/host.c", output);
		paths.version_script = format_string("%s/guest.map", output);
		paths.report = format_string("%s/report.txt", output);
	}
	return emit_thunks(&spec, &model, &paths) ? 1 : 0;
}
