// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The cost of a small Vulkan command: vkCmdSetViewport() recorded into a
 * command buffer of lavapipe's, the function found by vkGetDeviceProcAddr
 * as engines do (volk).
 *
 *   vkcost ITERATIONS
 *
 * Prints "vkCmdSetViewport NS", nanoseconds per call.
 */
#include <stdio.h>
#include <stdlib.h>

#include <vulkan/vulkan.h>

#include "now.h"

static void check(VkResult result, const char *what)
{
	if (result != VK_SUCCESS) {
		fprintf(stderr, "vkcost: %s: VkResult %d\n", what, result);
		exit(1);
	}
}

static VkDevice create_device(VkInstance *instance)
{
	VkInstanceCreateInfo instance_info = {
	    .sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
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
	};
	VkPhysicalDevice physical;
	uint32_t count = 1;
	VkDevice device;

	check(vkCreateInstance(&instance_info, NULL, instance),
	      "vkCreateInstance");
	vkEnumeratePhysicalDevices(*instance, &count, &physical);
	if (count < 1) {
		fprintf(stderr, "vkcost: no Vulkan device\n");
		exit(1);
	}
	check(vkCreateDevice(physical, &info, NULL, &device), "vkCreateDevice");
	return device;
}

int main(int argc, char **argv)
{
	long iterations = argc == 2 ? atol(argv[1]) : 0;
	VkInstance instance;
	VkDevice device;
	VkCommandPool pool;
	VkCommandBuffer commands;
	VkCommandPoolCreateInfo pool_info = {
	    .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
	VkCommandBufferAllocateInfo buffer_info = {
	    .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
	    .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
	    .commandBufferCount = 1,
	};
	VkCommandBufferBeginInfo begin = {
	    .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
	PFN_vkCmdSetViewport set_viewport;
	double start;

	if (iterations <= 0) {
		fprintf(stderr, "usage: vkcost ITERATIONS\n");
		return 2;
	}
	device = create_device(&instance);
	set_viewport = (PFN_vkCmdSetViewport)vkGetDeviceProcAddr(
	    device, "vkCmdSetViewport");
	check(vkCreateCommandPool(device, &pool_info, NULL, &pool),
	      "vkCreateCommandPool");
	buffer_info.commandPool = pool;
	check(vkAllocateCommandBuffers(device, &buffer_info, &commands),
	      "vkAllocateCommandBuffers");
	check(vkBeginCommandBuffer(commands, &begin), "vkBeginCommandBuffer");
	start = now();
	for (long i = 0; i < iterations; i++) {
		VkViewport viewport = {0, 0, (float)(i & 1023), 64, 0, 1};

		set_viewport(commands, 0, 1, &viewport);
	}
	printf("vkCmdSetViewport %.1f\n", (now() - start) / iterations);
	vkEndCommandBuffer(commands);
	vkDestroyCommandPool(device, pool, NULL);
	vkDestroyDevice(device, NULL);
	vkDestroyInstance(instance, NULL);
	return 0;
}
