// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A Vulkan client of our own: renders a fixed scene offscreen (vk_scene.c)
 * and reads it back, so that its pixels passed through can be compared
 * with the same program's run natively (both drawn by the host's
 * lavapipe).
 *
 *   vk-client OUT.ppm [RAW]
 *
 * Everything that carries a function pointer is used: the guest's
 * VkAllocationCallbacks on every create and destroy (its calls counted,
 * every allocation freed by the end), a debug-utils messenger and a
 * debug-report callback in vkCreateInstance's pNext chain, and both made
 * again with their create commands and fed a message of our own. Then it
 * presents to an X window (vk_present.c). Every command is loaded by name
 * (vk_client.h). RAW gets the image's bytes written with write() straight
 * from the mapped memory.
 */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vk_client.h"

static PFN_vkGetInstanceProcAddr vkGetInstanceProcAddr;
#define VK_DEFINE(name) PFN_##name name;
VK_INSTANCE_COMMANDS(VK_DEFINE)
VK_DEVICE_COMMANDS(VK_DEFINE)
#undef VK_DEFINE

void die(const char *what)
{
	fprintf(stderr, "vk-client: %s\n", what);
	exit(1);
}

void check(VkResult result, const char *what)
{
	if (result != VK_SUCCESS) {
		fprintf(stderr, "vk-client: %s: VkResult %d\n", what, result);
		exit(1);
	}
}

/* The guest's allocator: a header before each block keeps what
 * reallocation and freeing need. The counts are atomic: lavapipe's queue
 * thread frees while the main thread allocates. */
struct allocator_counts {
	atomic_long allocations, reallocations, frees, live;
};

struct block_header {
	void *start;
	size_t size;
};

static void *VKAPI_PTR guest_allocate(void *user, size_t size,
				      size_t alignment,
				      VkSystemAllocationScope scope)
{
	struct allocator_counts *counts = user;
	size_t room = alignment < sizeof(struct block_header)
			  ? sizeof(struct block_header)
			  : alignment;
	char *start = malloc(size + room + alignment);
	uintptr_t block;
	struct block_header *header;

	(void)scope;
	if (!start)
		return NULL;
	block = ((uintptr_t)start + room + alignment - 1) & ~(alignment - 1);
	header = (struct block_header *)block - 1;
	header->start = start;
	header->size = size;
	counts->allocations++;
	counts->live++;
	return (void *)block;
}

static void VKAPI_PTR guest_free(void *user, void *memory)
{
	struct allocator_counts *counts = user;

	if (!memory)
		return;
	counts->frees++;
	counts->live--;
	free(((struct block_header *)memory - 1)->start);
}

static void *VKAPI_PTR guest_reallocate(void *user, void *original,
					size_t size, size_t alignment,
					VkSystemAllocationScope scope)
{
	struct allocator_counts *counts = user;
	void *moved;
	size_t old_size;

	if (!original)
		return guest_allocate(user, size, alignment, scope);
	if (size == 0) {
		guest_free(user, original);
		return NULL;
	}
	moved = guest_allocate(user, size, alignment, scope);
	if (!moved)
		return NULL;
	old_size = ((struct block_header *)original - 1)->size;
	memcpy(moved, original, old_size < size ? old_size : size);
	guest_free(user, original);
	counts->reallocations++;
	return moved;
}

static struct allocator_counts counts;
static const VkAllocationCallbacks allocator = {
    .pUserData = &counts,
    .pfnAllocation = guest_allocate,
    .pfnReallocation = guest_reallocate,
    .pfnFree = guest_free,
};

/* Debug messages: the ones sent to the messenger of the pNext chain (the
 * loader's, during vkCreateInstance) and our own marker. */
static int chained_messages, marker_messages, report_messages;
static char report_text[128];

static VkBool32 VKAPI_PTR on_message(
    VkDebugUtilsMessageSeverityFlagBitsEXT severity,
    VkDebugUtilsMessageTypeFlagsEXT types,
    const VkDebugUtilsMessengerCallbackDataEXT *data, void *user)
{
	(void)severity, (void)types;
	if (user == &chained_messages)
		chained_messages++;
	else if (user == &marker_messages && data->messageIdNumber == 42 &&
		 strcmp(data->pMessage, "vk-client marker") == 0 &&
		 strcmp(data->pMessageIdName, "vk-client") == 0)
		marker_messages++;
	return VK_FALSE;
}

static VkBool32 VKAPI_PTR on_report(VkDebugReportFlagsEXT flags,
				    VkDebugReportObjectTypeEXT type,
				    uint64_t object, size_t location,
				    int32_t code, const char *prefix,
				    const char *message, void *user)
{
	(void)flags, (void)type, (void)object;
	if (user != &report_messages || location != 7)
		return VK_FALSE;
	report_messages++;
	snprintf(report_text, sizeof(report_text), "[%s] code %d: %s",
		 prefix, code, message);
	return VK_FALSE;
}

static const char *instance_extensions[] = {
    VK_EXT_DEBUG_UTILS_EXTENSION_NAME, VK_EXT_DEBUG_REPORT_EXTENSION_NAME,
    VK_KHR_SURFACE_EXTENSION_NAME, VK_KHR_XLIB_SURFACE_EXTENSION_NAME};
static const char *device_extensions[] = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};

static VkInstance create_instance(void)
{
	VkDebugReportCallbackCreateInfoEXT report = {
	    .sType = VK_STRUCTURE_TYPE_DEBUG_REPORT_CALLBACK_CREATE_INFO_EXT,
	    .flags = VK_DEBUG_REPORT_INFORMATION_BIT_EXT |
		     VK_DEBUG_REPORT_WARNING_BIT_EXT |
		     VK_DEBUG_REPORT_ERROR_BIT_EXT |
		     VK_DEBUG_REPORT_DEBUG_BIT_EXT,
	    .pfnCallback = on_report,
	    .pUserData = &chained_messages,
	};
	VkDebugUtilsMessengerCreateInfoEXT messenger = {
	    .sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT,
	    .pNext = &report,
	    .messageSeverity = 0x1111, /* verbose, info, warning, error */
	    .messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT,
	    .pfnUserCallback = on_message,
	    .pUserData = &chained_messages,
	};
	VkApplicationInfo application = {
	    .sType = VK_STRUCTURE_TYPE_APPLICATION_INFO,
	    .pApplicationName = "vk-client",
	    .apiVersion = VK_API_VERSION_1_1,
	};
	VkInstanceCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO,
	    .pNext = &messenger,
	    .pApplicationInfo = &application,
	    .enabledExtensionCount = 4,
	    .ppEnabledExtensionNames = instance_extensions,
	};
	PFN_vkCreateInstance create = (PFN_vkCreateInstance)
	    vkGetInstanceProcAddr(NULL, "vkCreateInstance");
	VkInstance instance;

	if (!create)
		die("no vkCreateInstance");
	check(create(&info, &allocator, &instance), "vkCreateInstance");
	return instance;
}

static void load_instance_commands(VkInstance instance)
{
#define VK_LOAD(name)                                                          \
	name = (PFN_##name)vkGetInstanceProcAddr(instance, #name);             \
	if (!name)                                                             \
		die("vkGetInstanceProcAddr has no " #name);
	VK_INSTANCE_COMMANDS(VK_LOAD)
#undef VK_LOAD
}

static void load_device_commands(VkDevice device)
{
#define VK_LOAD(name)                                                          \
	name = (PFN_##name)vkGetDeviceProcAddr(device, #name);                 \
	if (!name)                                                             \
		die("vkGetDeviceProcAddr has no " #name);
	VK_DEVICE_COMMANDS(VK_LOAD)
#undef VK_LOAD
}

/* Both callbacks made by their create commands and fed a message. */
static void debug_messages(VkInstance instance)
{
	VkDebugUtilsMessengerCreateInfoEXT messenger_info = {
	    .sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT,
	    .messageSeverity =
		VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT,
	    .messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT,
	    .pfnUserCallback = on_message,
	    .pUserData = &marker_messages,
	};
	VkDebugUtilsMessengerCallbackDataEXT marker = {
	    .sType = VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CALLBACK_DATA_EXT,
	    .pMessageIdName = "vk-client",
	    .messageIdNumber = 42,
	    .pMessage = "vk-client marker",
	};
	VkDebugReportCallbackCreateInfoEXT report_info = {
	    .sType = VK_STRUCTURE_TYPE_DEBUG_REPORT_CALLBACK_CREATE_INFO_EXT,
	    .flags = VK_DEBUG_REPORT_WARNING_BIT_EXT,
	    .pfnCallback = on_report,
	    .pUserData = &report_messages,
	};
	VkDebugUtilsMessengerEXT messenger;
	VkDebugReportCallbackEXT report;

	check(vkCreateDebugUtilsMessengerEXT(instance, &messenger_info,
					     &allocator, &messenger),
	      "vkCreateDebugUtilsMessengerEXT");
	check(vkCreateDebugReportCallbackEXT(instance, &report_info,
					     &allocator, &report),
	      "vkCreateDebugReportCallbackEXT");
	vkSubmitDebugUtilsMessageEXT(
	    instance, VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT,
	    VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT, &marker);
	vkDebugReportMessageEXT(instance, VK_DEBUG_REPORT_WARNING_BIT_EXT,
				VK_DEBUG_REPORT_OBJECT_TYPE_INSTANCE_EXT,
				(uint64_t)(uintptr_t)instance, 7, 1234,
				"vk-client", "a report of our own");
	vkDestroyDebugReportCallbackEXT(instance, report, &allocator);
	vkDestroyDebugUtilsMessengerEXT(instance, messenger, &allocator);
	printf("debug-utils messenger: the loader's messages reached the "
	       "pNext one: %s; our marker received %d time(s)\n",
	       chained_messages > 0 ? "yes" : "no", marker_messages);
	printf("debug-report callback: %d message(s), %s\n", report_messages,
	       report_text);
}

static struct vk_context create_device(VkInstance instance)
{
	struct vk_context vk = {.allocator = &allocator};
	VkQueueFamilyProperties families[8];
	uint32_t count = 1, family_count = 8;
	float priority = 1.0f;
	VkDeviceQueueCreateInfo queue = {
	    .sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO,
	    .queueCount = 1,
	    .pQueuePriorities = &priority,
	};
	VkDeviceCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO,
	    .queueCreateInfoCount = 1,
	    .pQueueCreateInfos = &queue,
	    .enabledExtensionCount = 1,
	    .ppEnabledExtensionNames = device_extensions,
	};
	VkPhysicalDeviceProperties properties;

	vkEnumeratePhysicalDevices(instance, &count, &vk.physical);
	if (count < 1)
		die("no Vulkan device");
	vkGetPhysicalDeviceProperties(vk.physical, &properties);
	printf("device: %.8s, Vulkan %u.%u\n", properties.deviceName,
	       VK_API_VERSION_MAJOR(properties.apiVersion),
	       VK_API_VERSION_MINOR(properties.apiVersion));
	vkGetPhysicalDeviceQueueFamilyProperties(vk.physical, &family_count,
						 families);
	while (vk.queue_family < family_count &&
	       !(families[vk.queue_family].queueFlags & VK_QUEUE_GRAPHICS_BIT))
		vk.queue_family++;
	queue.queueFamilyIndex = vk.queue_family;
	check(vkCreateDevice(vk.physical, &info, &allocator, &vk.device),
	      "vkCreateDevice");
	load_device_commands(vk.device);
	vkGetDeviceQueue(vk.device, vk.queue_family, 0, &vk.queue);
	return vk;
}

static uint32_t fnv1a(const unsigned char *bytes, size_t size)
{
	uint32_t hash = 2166136261u;

	for (size_t i = 0; i < size; i++)
		hash = (hash ^ bytes[i]) * 16777619u;
	return hash;
}

static void write_ppm(const char *path, const unsigned char *rgba)
{
	FILE *out = fopen(path, "wb");

	if (!out)
		die("cannot write the image");
	fprintf(out, "P6\n%d %d\n255\n", WIDTH, HEIGHT);
	for (int i = 0; i < WIDTH * HEIGHT; i++)
		fwrite(rgba + i * 4, 1, 3, out);
	if (fclose(out) != 0)
		die("cannot write the image");
}

int main(int argc, char **argv)
{
	void *loader = dlopen("libvulkan.so.1", RTLD_NOW);
	unsigned char *pixels = malloc(WIDTH * HEIGHT * 4);
	static const float clear_color[3] = {0.25f, 0.5f, 0.75f};
	struct vk_window window;
	struct vk_context vk;
	VkInstance instance;
	int raw = -1;

	if (argc < 2)
		die("usage: vk-client OUT.ppm [RAW]");
	if (argc > 2 &&
	    (raw = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		die("cannot create the raw image file");
	if (!loader)
		die(dlerror());
	vkGetInstanceProcAddr =
	    (PFN_vkGetInstanceProcAddr)dlsym(loader, "vkGetInstanceProcAddr");
	if (!vkGetInstanceProcAddr)
		die("libvulkan.so.1 has no vkGetInstanceProcAddr");
	instance = create_instance();
	load_instance_commands(instance);
	printf("vkGetInstanceProcAddr of a command no one has: %s\n",
	       vkGetInstanceProcAddr(instance, "vkNoSuchCommandDLCALL")
		   ? "a function"
		   : "NULL");
	debug_messages(instance);
	vk = create_device(instance);
	draw_scene(&vk, pixels, raw);
	if (raw >= 0)
		close(raw);
	printf("pixels: %dx%d, FNV-1a %08x\n", WIDTH, HEIGHT,
	       fnv1a(pixels, WIDTH * HEIGHT * 4));
	write_ppm(argv[1], pixels);
	window = open_window(instance);
	present_clear(&vk, &window, clear_color);
	vkDestroySurfaceKHR(instance, window.surface, NULL);
	XDestroyWindow(window.display, window.window);
	XCloseDisplay(window.display);
	vkDestroyDevice(vk.device, &allocator);
	vkDestroyInstance(instance, &allocator);
	printf("guest allocator: called: %s; blocks left after "
	       "vkDestroyInstance: %ld\n",
	       counts.allocations > 0 && counts.frees > 0 ? "yes" : "no",
	       counts.live);
	free(pixels);
	return 0;
}
