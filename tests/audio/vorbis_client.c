// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Our libvorbisfile client: opens one Ogg Vorbis file every way the
 * library offers (a path, a FILE *, the program's own stream functions
 * over a memory buffer, test-then-open) and prints what it learns and a
 * checksum of what it decodes: integer PCM of every width and sign,
 * floats, after seeks by sample, time and byte, and a crosslap. Passed
 * through, the whole report equals native's (a read() straight into the
 * library's buffer included: host memory QEMU would refuse, SPEC §3); emulated,
 * the guest's libvorbis rounds differently, so only the lines without "pcm"
 * agree. vorbis-client FILE.ogg
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <vorbis/vorbisfile.h>

/* FNV-1a over bytes. */
static uint64_t fold(uint64_t hash, const void *data, size_t size)
{
	const unsigned char *byte = data;

	while (size--)
		hash = (hash ^ *byte++) * 0x100000001b3ULL;
	return hash;
}

static void fail(const char *what, long status)
{
	printf("error: %s: %ld\n", what, status);
	exit(1);
}

static void describe(OggVorbis_File *vf)
{
	vorbis_info *info = ov_info(vf, -1);
	vorbis_comment *comment = ov_comment(vf, -1);

	printf("info: version %d, %d channels, %ld Hz, nominal %ld bit/s\n",
	       info->version, info->channels, info->rate,
	       info->bitrate_nominal);
	printf("info: vendor %s, %d comments\n", comment->vendor,
	       comment->comments);
	for (int i = 0; i < comment->comments; i++)
		printf("info: comment %.*s\n", comment->comment_lengths[i],
		       comment->user_comments[i]);
	printf("info: streams %ld, seekable %ld, serial %ld\n", ov_streams(vf),
	       ov_seekable(vf), ov_serialnumber(vf, -1));
	printf("info: %lld samples, %lld bytes, %.3f s, bitrate %ld\n",
	       (long long)ov_pcm_total(vf, -1), (long long)ov_raw_total(vf, -1),
	       ov_time_total(vf, -1), ov_bitrate(vf, -1));
}

/* Decodes up to limit bytes (all when 0) as words of width bytes. */
static void decode(OggVorbis_File *vf, const char *label, int width,
		   int is_signed, long limit)
{
	char buffer[4096];
	uint64_t hash = 0xcbf29ce484222325ULL;
	long total = 0, got;
	int section;

	while ((!limit || total < limit) &&
	       (got = ov_read(vf, buffer, sizeof(buffer), 0, width, is_signed,
			      &section)) > 0) {
		hash = fold(hash, buffer, (size_t)got);
		total += got;
	}
	if (got < 0)
		fail("ov_read", got);
	printf("pcm %s: %ld bytes, %016llx, at sample %lld\n", label, total,
	       (unsigned long long)hash, (long long)ov_pcm_tell(vf));
}

static void decode_floats(OggVorbis_File *vf)
{
	uint64_t hash = 0xcbf29ce484222325ULL;
	long samples = 0, got;
	float **pcm;
	int section;

	while (samples < 20000 &&
	       (got = ov_read_float(vf, &pcm, 1024, &section)) > 0) {
		for (int channel = 0; channel < ov_info(vf, -1)->channels;
		     channel++)
			hash = fold(hash, pcm[channel],
				    (size_t)got * sizeof(float));
		samples += got;
	}
	printf("pcm floats: %ld samples, %016llx\n", samples,
	       (unsigned long long)hash);
}

static void seeks(OggVorbis_File *vf)
{
	int status;

	if ((status = ov_pcm_seek(vf, 100000)) != 0)
		fail("ov_pcm_seek", status);
	decode(vf, "after pcm seek 100000", 2, 1, 16384);
	if ((status = ov_time_seek(vf, 1.5)) != 0)
		fail("ov_time_seek", status);
	printf("seek: time 1.5 s is sample %lld, %.3f s\n",
	       (long long)ov_pcm_tell(vf), ov_time_tell(vf));
	decode(vf, "after time seek", 2, 1, 8192);
	if ((status = ov_raw_seek(vf, 20000)) != 0)
		fail("ov_raw_seek", status);
	decode(vf, "after raw seek 20000", 2, 1, 8192);
	if ((status = ov_pcm_seek_page(vf, 50000)) != 0)
		fail("ov_pcm_seek_page", status);
	decode(vf, "after page seek 50000", 2, 1, 8192);
	if ((status = ov_pcm_seek(vf, 0)) != 0)
		fail("ov_pcm_seek 0", status);
	decode_floats(vf);
}

/* The program's own stream: a file held in memory. */
struct memory_stream {
	const unsigned char *bytes;
	size_t size, at;
	int closed;
};

static size_t memory_read(void *out, size_t size, size_t count, void *data)
{
	struct memory_stream *s = data;
	size_t want = size * count, left = s->size - s->at;

	if (want > left)
		want = left;
	memcpy(out, s->bytes + s->at, want);
	s->at += want;
	return size ? want / size : 0;
}

static int memory_seek(void *data, ogg_int64_t offset, int whence)
{
	struct memory_stream *s = data;
	ogg_int64_t to = whence == SEEK_SET   ? offset
			 : whence == SEEK_CUR ? (ogg_int64_t)s->at + offset
					      : (ogg_int64_t)s->size + offset;

	if (to < 0 || to > (ogg_int64_t)s->size)
		return -1;
	s->at = (size_t)to;
	return 0;
}

static long memory_tell(void *data)
{
	return (long)((struct memory_stream *)data)->at;
}

static int memory_close(void *data)
{
	((struct memory_stream *)data)->closed++;
	return 0;
}

/* A stream that read()s into the library's buffer itself. */
static size_t descriptor_read(void *out, size_t size, size_t count, void *data)
{
	ssize_t got = read(*(int *)data, out, size * count);

	if (got < 0)
		fail("read() into the library's buffer", -1);
	return size ? (size_t)got / size : 0;
}

static int descriptor_seek(void *data, ogg_int64_t offset, int whence)
{
	return lseek(*(int *)data, offset, whence) < 0 ? -1 : 0;
}

static long descriptor_tell(void *data)
{
	return (long)lseek(*(int *)data, 0, SEEK_CUR);
}

static unsigned char *slurp(const char *path, size_t *size)
{
	FILE *file = fopen(path, "rb");
	unsigned char *bytes;
	long length;

	if (!file || fseek(file, 0, SEEK_END) || (length = ftell(file)) < 0)
		fail("reading the file", 0);
	rewind(file);
	bytes = malloc((size_t)length);
	if (!bytes || fread(bytes, 1, (size_t)length, file) != (size_t)length)
		fail("reading the file", length);
	fclose(file);
	*size = (size_t)length;
	return bytes;
}

int main(int argc, char **argv)
{
	ov_callbacks callbacks = {memory_read, memory_seek, memory_close,
				  memory_tell};
	struct memory_stream stream = {0};
	OggVorbis_File vf, other;
	FILE *file;
	int status;

	if (argc != 2) {
		fprintf(stderr, "usage: vorbis-client FILE.ogg\n");
		return 2;
	}
	if ((status = ov_fopen(argv[1], &vf)) != 0)
		fail("ov_fopen", status);
	describe(&vf);
	decode(&vf, "16-bit signed", 2, 1, 0);
	seeks(&vf);
	ov_clear(&vf);

	stream.bytes = slurp(argv[1], &stream.size);
	if ((status = ov_test_callbacks(&stream, &vf, NULL, 0, callbacks)) != 0)
		fail("ov_test_callbacks", status);
	if ((status = ov_test_open(&vf)) != 0)
		fail("ov_test_open", status);
	decode(&vf, "8-bit unsigned, the program's stream", 1, 0, 0);
	seeks(&vf);
	ov_clear(&vf);
	printf("stream: closed %d times by ov_clear\n", stream.closed);

	file = fopen(argv[1], "rb");
	if (!file || (status = ov_open(file, &vf, NULL, 0)) != 0)
		fail("ov_open", file ? status : -1);
	if ((status = ov_fopen(argv[1], &other)) != 0)
		fail("ov_fopen", status);
	decode(&vf, "16-bit unsigned, a FILE", 2, 0, 65536);
	decode(&other, "second file", 2, 1, 32768);
	if ((status = ov_crosslap(&vf, &other)) != 0)
		fail("ov_crosslap", status);
	decode(&other, "after crosslap", 2, 1, 8192);
	ov_clear(&other);
	ov_clear(&vf); /* closes the FILE, as natively */

	ov_callbacks descriptor_callbacks = {descriptor_read, descriptor_seek,
					     NULL, descriptor_tell};
	int descriptor = open(argv[1], O_RDONLY);

	if (descriptor < 0 ||
	    (status = ov_open_callbacks(&descriptor, &vf, NULL, 0,
					descriptor_callbacks)))
		fail("ov_open_callbacks with read()", status);
	decode(&vf, "16-bit signed, read()", 2, 1, 0);
	ov_clear(&vf);
	close(descriptor);

	stream.at = 0;
	stream.size = 100; /* not a whole header: refused */
	printf("open of a cut stream: %d\n",
	       ov_open_callbacks(&stream, &vf, NULL, 0, callbacks));
	free((void *)stream.bytes);
	return 0;
}
