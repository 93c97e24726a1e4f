// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Vulkan client's window: an X window from libX11, its surface through
 * VK_KHR_xlib_surface (the Display crosses as it is), a swapchain whose
 * image is cleared to a known color and presented; the X server's copy of
 * the window then must hold that color.
 */
#include <stdio.h>
#include <stdlib.h>

#include <X11/Xutil.h>

#include "vk_client.h"

struct vk_window open_window(VkInstance instance)
{
	struct vk_window w = {.display = XOpenDisplay(NULL)};
	VkXlibSurfaceCreateInfoKHR info = {
	    .sType = VK_STRUCTURE_TYPE_XLIB_SURFACE_CREATE_INFO_KHR,
	};

	if (!w.display)
		die("cannot open the display");
	w.window = XCreateSimpleWindow(w.display, DefaultRootWindow(w.display),
				       0, 0, WIDTH, HEIGHT, 0, 0, 0);
	XMapWindow(w.display, w.window);
	XSync(w.display, False);
	info.dpy = w.display;
	info.window = w.window;
	check(vkCreateXlibSurfaceKHR(instance, &info, NULL, &w.surface),
	      "vkCreateXlibSurfaceKHR");
	return w;
}

static VkSwapchainKHR make_swapchain(const struct vk_context *vk,
				     const struct vk_window *w,
				     VkFormat *format)
{
	VkSurfaceCapabilitiesKHR capabilities;
	VkSurfaceFormatKHR formats[16];
	uint32_t count = 16;
	VkBool32 supported = VK_FALSE;
	VkSwapchainCreateInfoKHR info = {
	    .sType = VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR,
	    .surface = w->surface,
	    .imageArrayLayers = 1,
	    .imageUsage = VK_IMAGE_USAGE_TRANSFER_DST_BIT |
			  VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT,
	    .imageSharingMode = VK_SHARING_MODE_EXCLUSIVE,
	    .preTransform = VK_SURFACE_TRANSFORM_IDENTITY_BIT_KHR,
	    .compositeAlpha = VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR,
	    .presentMode = VK_PRESENT_MODE_FIFO_KHR,
	    .clipped = VK_TRUE,
	};
	VkSwapchainKHR swapchain;

	vkGetPhysicalDeviceSurfaceSupportKHR(vk->physical, vk->queue_family,
					     w->surface, &supported);
	vkGetPhysicalDeviceSurfaceCapabilitiesKHR(vk->physical, w->surface,
						  &capabilities);
	vkGetPhysicalDeviceSurfaceFormatsKHR(vk->physical, w->surface, &count,
					     formats);
	if (!supported || count == 0)
		die("the queue cannot present to the window");
	printf("surface: %ux%u, %u format(s), first %d\n",
	       capabilities.currentExtent.width,
	       capabilities.currentExtent.height, count, formats[0].format);
	*format = formats[0].format;
	info.minImageCount = capabilities.minImageCount;
	info.imageFormat = formats[0].format;
	info.imageColorSpace = formats[0].colorSpace;
	info.imageExtent = capabilities.currentExtent;
	check(vkCreateSwapchainKHR(vk->device, &info, vk->allocator,
				   &swapchain),
	      "vkCreateSwapchainKHR");
	return swapchain;
}

/* The acquired image cleared and made ready to present, waiting for the
 * acquire and signalling `rendered`. */
static void clear_image(const struct vk_context *vk, VkImage image,
			const float rgb[3], VkSemaphore acquired,
			VkSemaphore rendered)
{
	VkClearColorValue color = {{rgb[0], rgb[1], rgb[2], 1.0f}};
	VkImageSubresourceRange range = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
	VkPipelineStageFlags wait_stage = VK_PIPELINE_STAGE_ALL_COMMANDS_BIT;
	VkCommandPool pool;
	VkCommandBuffer commands = begin_commands(vk, &pool);
	VkSubmitInfo submit = {
	    .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
	    .waitSemaphoreCount = 1,
	    .pWaitSemaphores = &acquired,
	    .pWaitDstStageMask = &wait_stage,
	    .commandBufferCount = 1,
	    .pCommandBuffers = &commands,
	    .signalSemaphoreCount = 1,
	    .pSignalSemaphores = &rendered,
	};

	layout_barrier(commands, image, VK_IMAGE_LAYOUT_UNDEFINED,
		       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0,
		       VK_ACCESS_TRANSFER_WRITE_BIT);
	vkCmdClearColorImage(commands, image,
			     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &color, 1,
			     &range);
	layout_barrier(commands, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
		       VK_IMAGE_LAYOUT_PRESENT_SRC_KHR,
		       VK_ACCESS_TRANSFER_WRITE_BIT, 0);
	check(vkEndCommandBuffer(commands), "vkEndCommandBuffer");
	check(vkQueueSubmit(vk->queue, 1, &submit, VK_NULL_HANDLE),
	      "vkQueueSubmit");
	check(vkQueueWaitIdle(vk->queue), "vkQueueWaitIdle");
	vkDestroyCommandPool(vk->device, pool, vk->allocator);
}

static VkSemaphore make_semaphore(const struct vk_context *vk)
{
	VkSemaphoreCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
	VkSemaphore semaphore;

	check(vkCreateSemaphore(vk->device, &info, vk->allocator, &semaphore),
	      "vkCreateSemaphore");
	return semaphore;
}

void present_clear(const struct vk_context *vk, const struct vk_window *w,
		   const float rgb[3])
{
	VkFormat format;
	VkSwapchainKHR swapchain = make_swapchain(vk, w, &format);
	VkSemaphore acquired = make_semaphore(vk), rendered = make_semaphore(vk);
	VkImage images[8];
	uint32_t count = 8, index;
	VkPresentInfoKHR present = {
	    .sType = VK_STRUCTURE_TYPE_PRESENT_INFO_KHR,
	    .waitSemaphoreCount = 1,
	    .pWaitSemaphores = &rendered,
	    .swapchainCount = 1,
	    .pSwapchains = &swapchain,
	    .pImageIndices = &index,
	};
	XImage *shot;

	check(vkGetSwapchainImagesKHR(vk->device, swapchain, &count, images),
	      "vkGetSwapchainImagesKHR");
	check(vkAcquireNextImageKHR(vk->device, swapchain, UINT64_MAX,
				    acquired, VK_NULL_HANDLE, &index),
	      "vkAcquireNextImageKHR");
	clear_image(vk, images[index], rgb, acquired, rendered);
	check(vkQueuePresentKHR(vk->queue, &present), "vkQueuePresentKHR");
	check(vkQueueWaitIdle(vk->queue), "vkQueueWaitIdle");
	XSync(w->display, False);
	shot = XGetImage(w->display, w->window, WIDTH / 2, HEIGHT / 2, 1, 1,
			 AllPlanes, ZPixmap);
	if (!shot)
		die("XGetImage of the window failed");
	printf("presented: the window's center pixel is %06lx\n",
	       XGetPixel(shot, 0, 0) & 0xffffff);
	XDestroyImage(shot);
	vkDestroySemaphore(vk->device, acquired, vk->allocator);
	vkDestroySemaphore(vk->device, rendered, vk->allocator);
	vkDestroySwapchainKHR(vk->device, swapchain, vk->allocator);
}
