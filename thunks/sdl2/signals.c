// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SIGINT and SIGTERM as SDL_QUIT, guest side.
 *
 * When its event subsystem starts, SDL installs a handler for SIGINT and
 * SIGTERM where the program left them at SIG_DFL (unless the hint
 * SDL_HINT_NO_SIGNAL_HANDLERS says not to), and the next pump of the event
 * loop sends SDL_QUIT (SDL 2.26's SDL_quit.c). Passed through, the host's
 * SDL finds QEMU's handlers there and installs nothing, and the guest's
 * disposition stays SIG_DFL: Ctrl-C would kill the program instead of
 * asking it to quit. So the guest does what SDL does, with the guest's
 * signals: the same handlers installed and removed when the event
 * subsystem starts and stops (SDL_Init(), SDL_InitSubSystem() and
 * SDL_VideoInit(), and their opposites), a flag, and SDL_QUIT pushed (if
 * enabled) before the event loop pumps.
 *
 * A guest signal handler runs only between host calls, so a wait for
 * events is made in slices of SLICE_MS while our handlers are installed:
 * a signal during SDL_WaitEvent() still ends the wait within a slice.
 *
 * When the guest's own library serves (SPEC §7) its own functions are
 * called with the same arguments (its own handlers do the rest).
 */
#include <signal.h>

#include "dlcall/guest.h"
#include "sdl2-thunk.h"

#define OWN(name, cache) ((__typeof__(&name))thunk_own_function(#name, &cache))

enum { SLICE_MS = 100 };

static volatile sig_atomic_t quit_pending;
static int handlers_installed;

static void handle_quit_signal(int signal_number)
{
	(void)signal_number;
	quit_pending = 1;
}

/* SDL_EventSignal_Init(): only where the program left the default. */
static void install(int signal_number)
{
	struct sigaction action;

	sigaction(signal_number, NULL, &action);
	if (action.sa_handler == SIG_DFL) {
		action.sa_handler = handle_quit_signal;
		sigaction(signal_number, &action, NULL);
	}
}

/* SDL_EventSignal_Quit(): only if ours is still there. */
static void uninstall(int signal_number)
{
	struct sigaction action;

	sigaction(signal_number, NULL, &action);
	if (action.sa_handler == handle_quit_signal) {
		action.sa_handler = SIG_DFL;
		sigaction(signal_number, &action, NULL);
	}
}

/* After SDL's event subsystem may have started or stopped. */
static void follow_event_subsystem(void)
{
	int running = SDL_WasInit(SDL_INIT_EVENTS) != 0;

	if (running && !handlers_installed &&
	    !SDL_GetHintBoolean(SDL_HINT_NO_SIGNAL_HANDLERS, SDL_FALSE)) {
		install(SIGINT);
		install(SIGTERM);
		handlers_installed = 1;
	} else if (!running && handlers_installed) {
		uninstall(SIGINT);
		uninstall(SIGTERM);
		handlers_installed = 0;
	}
}

/* SDL_SendPendingSignalEvents(), at the start of every pump. */
static void send_pending_quit(void)
{
	SDL_Event quit = {.type = SDL_QUIT};

	if (!quit_pending)
		return;
	quit_pending = 0;
	if (SDL_GetEventState(SDL_QUIT) == SDL_ENABLE) {
		quit.quit.timestamp = SDL_GetTicks();
		SDL_PushEvent(&quit);
	}
}

EXPORT int SDL_Init(Uint32 flags)
{
	static void *cache;
	__typeof__(&SDL_Init) own = OWN(SDL_Init, cache);
	int result;

	if (own)
		return own(flags);
	result = pass_through_SDL_Init(flags);
	follow_event_subsystem();
	return result;
}

EXPORT int SDL_InitSubSystem(Uint32 flags)
{
	static void *cache;
	__typeof__(&SDL_InitSubSystem) own = OWN(SDL_InitSubSystem, cache);
	int result;

	if (own)
		return own(flags);
	result = pass_through_SDL_InitSubSystem(flags);
	follow_event_subsystem();
	return result;
}

/* SDL_VideoInit() starts the event subsystem itself. */
EXPORT int SDL_VideoInit(const char *driver_name)
{
	static void *cache;
	__typeof__(&SDL_VideoInit) own = OWN(SDL_VideoInit, cache);
	int result;

	if (own)
		return own(driver_name);
	result = pass_through_SDL_VideoInit(driver_name);
	follow_event_subsystem();
	return result;
}

EXPORT void SDL_VideoQuit(void)
{
	static void *cache;
	__typeof__(&SDL_VideoQuit) own = OWN(SDL_VideoQuit, cache);

	if (own) {
		own();
		return;
	}
	pass_through_SDL_VideoQuit();
	follow_event_subsystem();
}

EXPORT void SDL_QuitSubSystem(Uint32 flags)
{
	static void *cache;
	__typeof__(&SDL_QuitSubSystem) own = OWN(SDL_QuitSubSystem, cache);

	if (own) {
		own(flags);
		return;
	}
	pass_through_SDL_QuitSubSystem(flags);
	follow_event_subsystem();
}

EXPORT void SDL_Quit(void)
{
	static void *cache;
	__typeof__(&SDL_Quit) own = OWN(SDL_Quit, cache);

	if (own) {
		own();
		return;
	}
	pass_through_SDL_Quit();
	follow_event_subsystem();
}

EXPORT void SDL_PumpEvents(void)
{
	static void *cache;
	__typeof__(&SDL_PumpEvents) own = OWN(SDL_PumpEvents, cache);

	if (own) {
		own();
		return;
	}
	send_pending_quit();
	pass_through_SDL_PumpEvents();
}

EXPORT int SDL_PollEvent(SDL_Event *event)
{
	static void *cache;
	__typeof__(&SDL_PollEvent) own = OWN(SDL_PollEvent, cache);

	if (own)
		return own(event);
	send_pending_quit();
	return pass_through_SDL_PollEvent(event);
}

/* SDL_WaitEventTimeout() in slices, so that a quit signal is seen. */
static int wait_in_slices(SDL_Event *event, int timeout)
{
	Uint64 start = SDL_GetTicks64();

	for (;;) {
		int slice = SLICE_MS;

		send_pending_quit();
		if (timeout >= 0) {
			Uint64 waited = SDL_GetTicks64() - start;

			if (waited >= (Uint64)timeout)
				return pass_through_SDL_PollEvent(event);
			if ((Uint64)timeout - waited < SLICE_MS)
				slice = (int)((Uint64)timeout - waited);
		}
		if (pass_through_SDL_WaitEventTimeout(event, slice))
			return 1;
		/* Also SDL's answer when its event loop has stopped. */
		if (!SDL_WasInit(SDL_INIT_EVENTS))
			return 0;
	}
}

EXPORT int SDL_WaitEventTimeout(SDL_Event *event, int timeout)
{
	static void *cache;
	__typeof__(&SDL_WaitEventTimeout) own =
	    OWN(SDL_WaitEventTimeout, cache);

	if (own)
		return own(event, timeout);
	if (handlers_installed && timeout != 0)
		return wait_in_slices(event, timeout);
	send_pending_quit();
	return pass_through_SDL_WaitEventTimeout(event, timeout);
}

EXPORT int SDL_WaitEvent(SDL_Event *event)
{
	static void *cache;
	__typeof__(&SDL_WaitEvent) own = OWN(SDL_WaitEvent, cache);

	if (own)
		return own(event);
	if (!handlers_installed)
		return pass_through_SDL_WaitEvent(event);
	return wait_in_slices(event, -1);
}
