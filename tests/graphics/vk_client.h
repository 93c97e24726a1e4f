// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Vulkan client's parts (vk_client.c: instance, device, callbacks;
 * vk_scene.c: the offscreen scene). Every command is loaded by name, as
 * volk does: the program links no libvulkan, it dlopen()s it for
 * vkGetInstanceProcAddr and asks it for everything else.
 */
#ifndef DLCALL_VK_CLIENT_H
#define DLCALL_VK_CLIENT_H

#define VK_NO_PROTOTYPES
#define VK_USE_PLATFORM_XLIB_KHR
#include <X11/Xlib.h>
#include <vulkan/vulkan.h>

enum { WIDTH = 128, HEIGHT = 96 };

#define VK_INSTANCE_COMMANDS(X)                                                \
	X(vkDestroyInstance)                                                   \
	X(vkEnumeratePhysicalDevices)                                          \
	X(vkGetPhysicalDeviceProperties)                                       \
	X(vkGetPhysicalDeviceQueueFamilyProperties)                            \
	X(vkGetPhysicalDeviceMemoryProperties)                                 \
	X(vkCreateDevice)                                                      \
	X(vkGetDeviceProcAddr)                                                 \
	X(vkCreateDebugUtilsMessengerEXT)                                      \
	X(vkDestroyDebugUtilsMessengerEXT)                                     \
	X(vkSubmitDebugUtilsMessageEXT)                                        \
	X(vkCreateDebugReportCallbackEXT)                                      \
	X(vkDestroyDebugReportCallbackEXT)                                     \
	X(vkDebugReportMessageEXT)                                              \
	X(vkCreateXlibSurfaceKHR)                                              \
	X(vkDestroySurfaceKHR)                                                 \
	X(vkGetPhysicalDeviceSurfaceSupportKHR)                                \
	X(vkGetPhysicalDeviceSurfaceCapabilitiesKHR)                           \
	X(vkGetPhysicalDeviceSurfaceFormatsKHR)

#define VK_DEVICE_COMMANDS(X)                                                  \
	X(vkDestroyDevice)                                                     \
	X(vkGetDeviceQueue)                                                    \
	X(vkCreateCommandPool)                                                 \
	X(vkDestroyCommandPool)                                                \
	X(vkAllocateCommandBuffers)                                            \
	X(vkBeginCommandBuffer)                                                \
	X(vkEndCommandBuffer)                                                  \
	X(vkQueueSubmit)                                                       \
	X(vkQueueWaitIdle)                                                     \
	X(vkCreateBuffer)                                                      \
	X(vkDestroyBuffer)                                                     \
	X(vkGetBufferMemoryRequirements)                                       \
	X(vkAllocateMemory)                                                    \
	X(vkFreeMemory)                                                        \
	X(vkBindBufferMemory)                                                  \
	X(vkMapMemory)                                                         \
	X(vkUnmapMemory)                                                       \
	X(vkCreateImage)                                                       \
	X(vkDestroyImage)                                                      \
	X(vkGetImageMemoryRequirements)                                        \
	X(vkBindImageMemory)                                                   \
	X(vkCreateImageView)                                                   \
	X(vkDestroyImageView)                                                  \
	X(vkCreateSampler)                                                     \
	X(vkDestroySampler)                                                    \
	X(vkCreateRenderPass)                                                  \
	X(vkDestroyRenderPass)                                                 \
	X(vkCreateFramebuffer)                                                 \
	X(vkDestroyFramebuffer)                                                \
	X(vkCreateShaderModule)                                                \
	X(vkDestroyShaderModule)                                               \
	X(vkCreateDescriptorSetLayout)                                         \
	X(vkDestroyDescriptorSetLayout)                                        \
	X(vkCreateDescriptorPool)                                              \
	X(vkDestroyDescriptorPool)                                             \
	X(vkAllocateDescriptorSets)                                            \
	X(vkUpdateDescriptorSets)                                              \
	X(vkCreatePipelineLayout)                                              \
	X(vkDestroyPipelineLayout)                                             \
	X(vkCreateGraphicsPipelines)                                           \
	X(vkDestroyPipeline)                                                   \
	X(vkCmdPipelineBarrier)                                                \
	X(vkCmdCopyBufferToImage)                                              \
	X(vkCmdCopyImageToBuffer)                                              \
	X(vkCmdBeginRenderPass)                                                \
	X(vkCmdEndRenderPass)                                                  \
	X(vkCmdBindPipeline)                                                   \
	X(vkCmdBindVertexBuffers)                                              \
	X(vkCmdBindDescriptorSets)                                             \
	X(vkCmdDraw)                                                           \
	X(vkCmdSetViewport)                                                    \
	X(vkCmdSetScissor)                                                     \
	X(vkCmdClearColorImage)                                                \
	X(vkCreateSemaphore)                                                   \
	X(vkDestroySemaphore)                                                  \
	X(vkCreateSwapchainKHR)                                                \
	X(vkDestroySwapchainKHR)                                               \
	X(vkGetSwapchainImagesKHR)                                             \
	X(vkAcquireNextImageKHR)                                               \
	X(vkQueuePresentKHR)

#define VK_DECLARE(name) extern PFN_##name name;
VK_INSTANCE_COMMANDS(VK_DECLARE)
VK_DEVICE_COMMANDS(VK_DECLARE)
#undef VK_DECLARE

/* What the scene needs of the client: its device and the guest allocator
 * it passes to every vkCreate and vkDestroy. */
struct vk_context {
	VkPhysicalDevice physical;
	VkDevice device;
	VkQueue queue;
	uint32_t queue_family;
	const VkAllocationCallbacks *allocator;
};

/* The X window the client presents to, through VK_KHR_xlib_surface. */
struct vk_window {
	Display *display;
	Window window;
	VkSurfaceKHR surface;
};

void die(const char *what);
void check(VkResult result, const char *what);
/* One command buffer, recording (vk_scene.c), and its submission. */
VkCommandBuffer begin_commands(const struct vk_context *vk,
			       VkCommandPool *pool);
void layout_barrier(VkCommandBuffer commands, VkImage image,
		    VkImageLayout from, VkImageLayout to, VkAccessFlags done,
		    VkAccessFlags next);
/* A window of WIDTH x HEIGHT and its surface (vk_present.c). */
struct vk_window open_window(VkInstance instance);
/* Clears a swapchain image of the window to `rgb`, presents it, and
 * prints the pixel the X server then has at the window's center. */
void present_clear(const struct vk_context *vk, const struct vk_window *w,
		   const float rgb[3]);
/* Draws the scene offscreen and reads it back as RGBA rows, top down;
 * writes them from the mapped memory to file descriptor `raw` too,
 * unless it is -1. */
void draw_scene(const struct vk_context *vk, unsigned char *rgba, int raw);

#endif
