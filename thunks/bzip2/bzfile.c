// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libbz2's BZFILE functions, guest side.
 *
 * They read and write a FILE of the guest's C library, which host code
 * cannot touch, so they run here, in the guest, and do their compression
 * through the passed-through stream functions (BZ2_bzCompress and
 * BZ2_bzDecompress): the work stays native, only the stdio is emulated.
 * Behaviour follows the libbzip2 manual (section 3.4): the same checks in
 * the same order, the same error codes, the same "unused" bytes after a
 * stream's end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bzip2-thunk.h"

/* One open BZFILE: the stream and the staging buffer to or from `file`. */
struct bzfile {
	FILE *file;
	char buffer[BZ_MAX_UNUSED];
	int buffered; /* bytes in buffer (reading) */
	int writing;
	int stream_ready; /* the stream was initialised and needs ending */
	int last_error;	  /* what BZ2_bzerror() reports */
	int owns_file;	  /* opened by bzopen/bzdopen: closed by bzclose */
	bz_stream stream;
};

/* Records `code` as the handle's last error and the caller's. */
static void set_error(int *bzerror, struct bzfile *bz, int code)
{
	if (bzerror)
		*bzerror = code;
	if (bz)
		bz->last_error = code;
}

/* feof() is only set after a read failed; peek as libbz2 does. */
static int at_end_of_file(FILE *file)
{
	int c = fgetc(file);

	if (c == EOF)
		return 1;
	ungetc(c, file);
	return 0;
}

/* A new handle on `f`, or NULL with bzerror set as libbz2 sets it. */
static struct bzfile *new_handle(int *bzerror, FILE *f)
{
	struct bzfile *bz;

	if (ferror(f)) {
		set_error(bzerror, NULL, BZ_IO_ERROR);
		return NULL;
	}
	bz = calloc(1, sizeof(*bz));
	if (!bz) {
		set_error(bzerror, NULL, BZ_MEM_ERROR);
		return NULL;
	}
	bz->file = f;
	return bz;
}

EXPORT BZFILE *BZ2_bzReadOpen(int *bzerror, FILE *f, int verbosity, int small,
			      void *unused, int nUnused)
{
	struct bzfile *bz;
	int result;

	set_error(bzerror, NULL, BZ_OK);
	if (!f || (small != 0 && small != 1) || verbosity < 0 ||
	    verbosity > 4 || (!unused && nUnused != 0) ||
	    (unused && (nUnused < 0 || nUnused > BZ_MAX_UNUSED))) {
		set_error(bzerror, NULL, BZ_PARAM_ERROR);
		return NULL;
	}
	bz = new_handle(bzerror, f);
	if (!bz)
		return NULL;
	if (nUnused > 0)
		memcpy(bz->buffer, unused, (size_t)nUnused);
	bz->buffered = nUnused;
	result = BZ2_bzDecompressInit(&bz->stream, verbosity, small);
	if (result != BZ_OK) {
		set_error(bzerror, NULL, result);
		free(bz);
		return NULL;
	}
	bz->stream.next_in = bz->buffer;
	bz->stream.avail_in = (unsigned)bz->buffered;
	bz->stream_ready = 1;
	set_error(bzerror, bz, BZ_OK);
	return bz;
}

EXPORT int BZ2_bzRead(int *bzerror, BZFILE *b, void *buf, int len)
{
	struct bzfile *bz = b;

	set_error(bzerror, bz, BZ_OK);
	if (!bz || !buf || len < 0) {
		set_error(bzerror, bz, BZ_PARAM_ERROR);
		return 0;
	}
	if (bz->writing) {
		set_error(bzerror, bz, BZ_SEQUENCE_ERROR);
		return 0;
	}
	if (len == 0)
		return 0;
	bz->stream.next_out = buf;
	bz->stream.avail_out = (unsigned)len;
	for (;;) {
		int result;

		if (ferror(bz->file)) {
			set_error(bzerror, bz, BZ_IO_ERROR);
			return 0;
		}
		if (bz->stream.avail_in == 0 && !at_end_of_file(bz->file)) {
			size_t got =
			    fread(bz->buffer, 1, BZ_MAX_UNUSED, bz->file);

			if (ferror(bz->file)) {
				set_error(bzerror, bz, BZ_IO_ERROR);
				return 0;
			}
			bz->buffered = (int)got;
			bz->stream.next_in = bz->buffer;
			bz->stream.avail_in = (unsigned)got;
		}
		result = BZ2_bzDecompress(&bz->stream);
		if (result != BZ_OK && result != BZ_STREAM_END) {
			set_error(bzerror, bz, result);
			return 0;
		}
		if (result == BZ_OK && at_end_of_file(bz->file) &&
		    bz->stream.avail_in == 0 && bz->stream.avail_out > 0) {
			set_error(bzerror, bz, BZ_UNEXPECTED_EOF);
			return 0;
		}
		if (result == BZ_STREAM_END) {
			set_error(bzerror, bz, BZ_STREAM_END);
			return len - (int)bz->stream.avail_out;
		}
		if (bz->stream.avail_out == 0) {
			set_error(bzerror, bz, BZ_OK);
			return len;
		}
	}
}

EXPORT void BZ2_bzReadGetUnused(int *bzerror, BZFILE *b, void **unused,
				int *nUnused)
{
	struct bzfile *bz = b;

	if (!bz) {
		set_error(bzerror, NULL, BZ_PARAM_ERROR);
		return;
	}
	if (bz->last_error != BZ_STREAM_END) {
		set_error(bzerror, bz, BZ_SEQUENCE_ERROR);
		return;
	}
	if (!unused || !nUnused) {
		set_error(bzerror, bz, BZ_PARAM_ERROR);
		return;
	}
	set_error(bzerror, bz, BZ_OK);
	*nUnused = (int)bz->stream.avail_in;
	*unused = bz->stream.next_in;
}

EXPORT void BZ2_bzReadClose(int *bzerror, BZFILE *b)
{
	struct bzfile *bz = b;

	set_error(bzerror, NULL, BZ_OK);
	if (!bz)
		return;
	if (bz->writing) {
		set_error(bzerror, bz, BZ_SEQUENCE_ERROR);
		return;
	}
	if (bz->stream_ready)
		BZ2_bzDecompressEnd(&bz->stream);
	free(bz);
}

EXPORT BZFILE *BZ2_bzWriteOpen(int *bzerror, FILE *f, int blockSize100k,
			       int verbosity, int workFactor)
{
	struct bzfile *bz;
	int result;

	set_error(bzerror, NULL, BZ_OK);
	if (!f || blockSize100k < 1 || blockSize100k > 9 || workFactor < 0 ||
	    workFactor > 250 || verbosity < 0 || verbosity > 4) {
		set_error(bzerror, NULL, BZ_PARAM_ERROR);
		return NULL;
	}
	bz = new_handle(bzerror, f);
	if (!bz)
		return NULL;
	bz->writing = 1;
	/* 0 means the library's default, which is 30. */
	if (workFactor == 0)
		workFactor = 30;
	result = BZ2_bzCompressInit(&bz->stream, blockSize100k, verbosity,
				    workFactor);
	if (result != BZ_OK) {
		set_error(bzerror, NULL, result);
		free(bz);
		return NULL;
	}
	bz->stream.avail_in = 0;
	bz->stream_ready = 1;
	set_error(bzerror, bz, BZ_OK);
	return bz;
}

/* Writes the compressed bytes the last BZ2_bzCompress() produced. */
static int flush_output(struct bzfile *bz)
{
	size_t produced = BZ_MAX_UNUSED - bz->stream.avail_out;

	if (produced == 0)
		return 0;
	if (fwrite(bz->buffer, 1, produced, bz->file) != produced ||
	    ferror(bz->file))
		return -1;
	return 0;
}

EXPORT void BZ2_bzWrite(int *bzerror, BZFILE *b, void *buf, int len)
{
	struct bzfile *bz = b;

	set_error(bzerror, bz, BZ_OK);
	if (!bz || !buf || len < 0) {
		set_error(bzerror, bz, BZ_PARAM_ERROR);
		return;
	}
	if (!bz->writing) {
		set_error(bzerror, bz, BZ_SEQUENCE_ERROR);
		return;
	}
	if (ferror(bz->file)) {
		set_error(bzerror, bz, BZ_IO_ERROR);
		return;
	}
	if (len == 0)
		return;
	bz->stream.next_in = buf;
	bz->stream.avail_in = (unsigned)len;
	for (;;) {
		int result;

		bz->stream.next_out = bz->buffer;
		bz->stream.avail_out = BZ_MAX_UNUSED;
		result = BZ2_bzCompress(&bz->stream, BZ_RUN);
		if (result != BZ_RUN_OK) {
			set_error(bzerror, bz, result);
			return;
		}
		if (flush_output(bz) != 0) {
			set_error(bzerror, bz, BZ_IO_ERROR);
			return;
		}
		if (bz->stream.avail_in == 0) {
			set_error(bzerror, bz, BZ_OK);
			return;
		}
	}
}

static void store(unsigned int *out, unsigned int value)
{
	if (out)
		*out = value;
}

EXPORT void BZ2_bzWriteClose64(int *bzerror, BZFILE *b, int abandon,
			       unsigned int *nbytes_in_lo32,
			       unsigned int *nbytes_in_hi32,
			       unsigned int *nbytes_out_lo32,
			       unsigned int *nbytes_out_hi32)
{
	struct bzfile *bz = b;

	if (!bz) {
		set_error(bzerror, NULL, BZ_OK);
		return;
	}
	if (!bz->writing) {
		set_error(bzerror, bz, BZ_SEQUENCE_ERROR);
		return;
	}
	if (ferror(bz->file)) {
		set_error(bzerror, bz, BZ_IO_ERROR);
		return;
	}
	store(nbytes_in_lo32, 0);
	store(nbytes_in_hi32, 0);
	store(nbytes_out_lo32, 0);
	store(nbytes_out_hi32, 0);
	/* After a failed BZ2_bzWrite the stream is only abandoned. */
	if (!abandon && bz->last_error == BZ_OK) {
		for (;;) {
			int result;

			bz->stream.next_out = bz->buffer;
			bz->stream.avail_out = BZ_MAX_UNUSED;
			result = BZ2_bzCompress(&bz->stream, BZ_FINISH);
			if (result != BZ_FINISH_OK && result != BZ_STREAM_END) {
				set_error(bzerror, bz, result);
				return;
			}
			if (flush_output(bz) != 0) {
				set_error(bzerror, bz, BZ_IO_ERROR);
				return;
			}
			if (result == BZ_STREAM_END)
				break;
		}
	}
	if (!abandon && !ferror(bz->file)) {
		fflush(bz->file);
		if (ferror(bz->file)) {
			set_error(bzerror, bz, BZ_IO_ERROR);
			return;
		}
	}
	store(nbytes_in_lo32, bz->stream.total_in_lo32);
	store(nbytes_in_hi32, bz->stream.total_in_hi32);
	store(nbytes_out_lo32, bz->stream.total_out_lo32);
	store(nbytes_out_hi32, bz->stream.total_out_hi32);
	set_error(bzerror, bz, BZ_OK);
	BZ2_bzCompressEnd(&bz->stream);
	free(bz);
}

EXPORT void BZ2_bzWriteClose(int *bzerror, BZFILE *b, int abandon,
			     unsigned int *nbytes_in, unsigned int *nbytes_out)
{
	BZ2_bzWriteClose64(bzerror, b, abandon, nbytes_in, NULL, nbytes_out,
			   NULL);
}

/*
 * bzopen()/bzdopen(): mode letters 'r' or 'w', 's' for the small
 * decompressor, a digit for the block size; anything else is ignored.
 * No path (or "") means stdin or stdout.
 */
static BZFILE *open_stream(const char *path, int fd, const char *mode)
{
	int writing = 0, small = 0, block_size = 9, error;
	struct bzfile *bz;
	FILE *file;

	if (!mode)
		return NULL;
	for (; *mode; mode++) {
		if (*mode == 'r')
			writing = 0;
		else if (*mode == 'w')
			writing = 1;
		else if (*mode == 's')
			small = 1;
		else if (*mode >= '0' && *mode <= '9')
			block_size = *mode - '0';
	}
	if (fd >= 0)
		file = fdopen(fd, writing ? "wb" : "rb");
	else if (!path || !*path)
		file = writing ? stdout : stdin;
	else
		file = fopen(path, writing ? "wb" : "rb");
	if (!file)
		return NULL;
	if (writing) {
		/* Block size 0 is out of range; libbz2 makes it 1. */
		bz = BZ2_bzWriteOpen(&error, file, block_size ? block_size : 1,
				     0, 30);
	} else {
		bz = BZ2_bzReadOpen(&error, file, 0, small, NULL, 0);
	}
	if (!bz) {
		if (file != stdin && file != stdout)
			fclose(file);
		return NULL;
	}
	bz->owns_file = file != stdin && file != stdout;
	return bz;
}

EXPORT BZFILE *BZ2_bzopen(const char *path, const char *mode)
{
	return open_stream(path, -1, mode);
}

EXPORT BZFILE *BZ2_bzdopen(int fd, const char *mode)
{
	return open_stream(NULL, fd, mode);
}

EXPORT int BZ2_bzread(BZFILE *b, void *buf, int len)
{
	struct bzfile *bz = b;
	int error, count;

	if (bz->last_error == BZ_STREAM_END)
		return 0;
	count = BZ2_bzRead(&error, b, buf, len);
	return error == BZ_OK || error == BZ_STREAM_END ? count : -1;
}

EXPORT int BZ2_bzwrite(BZFILE *b, void *buf, int len)
{
	int error;

	BZ2_bzWrite(&error, b, buf, len);
	return error == BZ_OK ? len : -1;
}

/* libbz2 has nothing to flush short of ending the stream. */
EXPORT int BZ2_bzflush(BZFILE *b)
{
	(void)b;
	return 0;
}

EXPORT void BZ2_bzclose(BZFILE *b)
{
	struct bzfile *bz = b;
	FILE *file;
	int owns_file, error;

	if (!bz)
		return;
	file = bz->file;
	owns_file = bz->owns_file;
	if (bz->writing) {
		BZ2_bzWriteClose(&error, b, 0, NULL, NULL);
		if (error != BZ_OK)
			BZ2_bzWriteClose(NULL, b, 1, NULL, NULL);
	} else {
		BZ2_bzReadClose(&error, b);
	}
	if (owns_file)
		fclose(file);
}

EXPORT const char *BZ2_bzerror(BZFILE *b, int *errnum)
{
	static const char *const names[] = {
	    "OK",	    "SEQUENCE_ERROR",
	    "PARAM_ERROR",  "MEM_ERROR",
	    "DATA_ERROR",   "DATA_ERROR_MAGIC",
	    "IO_ERROR",	    "UNEXPECTED_EOF",
	    "OUTBUFF_FULL", "CONFIG_ERROR",
	    "???",	    "???",
	    "???",	    "???",
	    "???",	    "???",
	};
	int error = ((struct bzfile *)b)->last_error;

	/* Positive codes (BZ_RUN_OK, BZ_STREAM_END...) are not errors. */
	if (error > 0)
		error = 0;
	*errnum = error;
	return names[-error];
}
