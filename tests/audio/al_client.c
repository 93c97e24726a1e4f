// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Our OpenAL client: what OpenAL Soft reports about itself, functions of
 * its extensions by name, a tone rendered through a loopback device
 * (ALC_SOFT_loopback: no thread, no clock, the same samples every run),
 * whose checksum it prints, and the same tone played on the default
 * device (the wave backend under the tests: the file is compared).
 *   al-client
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define AL_ALEXT_PROTOTYPES
#include <AL/al.h>
#include <AL/alc.h>
#include <AL/alext.h>

enum { RATE = 44100, TONE_SAMPLES = RATE / 2 };

static int16_t tone[TONE_SAMPLES];

static void make_tone(void)
{
	for (int i = 0; i < TONE_SAMPLES; i++)
		tone[i] =
		    (int16_t)(12000.0 * sin(2.0 * M_PI * 440.0 * i / RATE));
}

/* FNV-1a over the rendered bytes. */
static uint32_t checksum(const void *bytes, size_t size)
{
	const unsigned char *at = bytes;
	uint32_t hash = 2166136261u;

	while (size--)
		hash = (hash ^ *at++) * 16777619u;
	return hash;
}

static ALuint start_tone(void)
{
	ALuint buffer, source;

	alGenBuffers(1, &buffer);
	alBufferData(buffer, AL_FORMAT_MONO16, tone, sizeof(tone), RATE);
	alGenSources(1, &source);
	alSourcei(source, AL_BUFFER, (ALint)buffer);
	alSourcePlay(source);
	return source;
}

static void report(void)
{
	printf("AL_VERSION: %s\nAL_RENDERER: %s\nAL_VENDOR: %s\n",
	       alGetString(AL_VERSION), alGetString(AL_RENDERER),
	       alGetString(AL_VENDOR));
	printf("AL_EXTENSIONS: %s\n", alGetString(AL_EXTENSIONS));
}

/* ALC_SOFT_loopback, reached by name as a program would. */
static int render_loopback(void)
{
	LPALCLOOPBACKOPENDEVICESOFT open_loopback =
	    (LPALCLOOPBACKOPENDEVICESOFT)alcGetProcAddress(
		NULL, "alcLoopbackOpenDeviceSOFT");
	LPALCRENDERSAMPLESSOFT render =
	    (LPALCRENDERSAMPLESSOFT)alcGetProcAddress(NULL,
						      "alcRenderSamplesSOFT");
	ALCint attributes[] = {ALC_FORMAT_CHANNELS_SOFT,
			       ALC_STEREO_SOFT,
			       ALC_FORMAT_TYPE_SOFT,
			       ALC_SHORT_SOFT,
			       ALC_FREQUENCY,
			       RATE,
			       0};
	static int16_t rendered[RATE * 2];
	ALCdevice *device;
	ALCcontext *context;
	ALuint source;

	if (!open_loopback || !render)
		return fprintf(stderr, "no ALC_SOFT_loopback by name\n"), 1;
	device = open_loopback(NULL);
	context = device ? alcCreateContext(device, attributes) : NULL;
	if (!context || !alcMakeContextCurrent(context))
		return fprintf(stderr, "no loopback context\n"), 1;
	report();
	source = start_tone();
	render(device, rendered, RATE);
	printf("loopback: %d frames rendered, checksum %08x, error %#x\n", RATE,
	       checksum(rendered, sizeof(rendered)), alGetError());
	alDeleteSources(1, &source);
	alcMakeContextCurrent(NULL);
	alcDestroyContext(context);
	alcCloseDevice(device);
	return 0;
}

/* The default device: the tone played out, waited for. */
static int play(void)
{
	ALCdevice *device = alcOpenDevice(NULL);
	ALCcontext *context = device ? alcCreateContext(device, NULL) : NULL;
	LPALGETSOURCEDVSOFT get_source_doubles =
	    (LPALGETSOURCEDVSOFT)alGetProcAddress("alGetSourcedvSOFT");
	ALint state = AL_PLAYING;
	ALdouble offset_latency[2];
	ALuint source;

	if (!context || !alcMakeContextCurrent(context))
		return fprintf(stderr, "no default device\n"), 1;
	printf("device: %s\n", alcGetString(device, ALC_DEVICE_SPECIFIER));
	source = start_tone();
	while (state == AL_PLAYING) {
		struct timespec tick = {0, 10 * 1000 * 1000};

		nanosleep(&tick, NULL);
		alGetSourcei(source, AL_SOURCE_STATE, &state);
	}
	if (!get_source_doubles)
		return fprintf(stderr, "no alGetSourcedvSOFT by name\n"), 1;
	get_source_doubles(source, AL_SEC_OFFSET_LATENCY_SOFT, offset_latency);
	printf("played: state %#x, offset %.1f s, error %#x\n", state,
	       offset_latency[0], alGetError());
	alDeleteSources(1, &source);
	alcMakeContextCurrent(NULL);
	alcDestroyContext(context);
	alcCloseDevice(device);
	return 0;
}

int main(void)
{
	make_tone();
	return render_loopback() || play();
}
