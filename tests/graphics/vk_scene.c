// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Vulkan client's scene, drawn offscreen: two intersecting quads from
 * a vertex buffer, depth-tested, sampling a checkerboard texture uploaded
 * through a staging buffer, shaded by a SPIR-V pair (vk_scene.vert,
 * vk_scene.frag); the color image is copied to a host-visible buffer and
 * read back. One command buffer records it all.
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "vk_client.h"
#include "vk_scene_frag.h"
#include "vk_scene_vert.h"

#define COLOR_FORMAT VK_FORMAT_R8G8B8A8_UNORM
#define DEPTH_FORMAT VK_FORMAT_D32_SFLOAT
enum { TEXTURE_SIZE = 16 };

struct memory_object {
	VkDeviceMemory memory;
	union {
		VkBuffer buffer;
		VkImage image;
	};
};

static uint32_t memory_type(const struct vk_context *vk, uint32_t allowed,
			    VkMemoryPropertyFlags wanted)
{
	VkPhysicalDeviceMemoryProperties properties;

	vkGetPhysicalDeviceMemoryProperties(vk->physical, &properties);
	for (uint32_t i = 0; i < properties.memoryTypeCount; i++)
		if ((allowed & (1u << i)) &&
		    (properties.memoryTypes[i].propertyFlags & wanted) ==
			wanted)
			return i;
	die("no suitable memory type");
	return 0;
}

static VkDeviceMemory allocate(const struct vk_context *vk,
			       VkMemoryRequirements needs,
			       VkMemoryPropertyFlags wanted)
{
	VkMemoryAllocateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO,
	    .allocationSize = needs.size,
	    .memoryTypeIndex = memory_type(vk, needs.memoryTypeBits, wanted),
	};
	VkDeviceMemory memory;

	check(vkAllocateMemory(vk->device, &info, vk->allocator, &memory),
	      "vkAllocateMemory");
	return memory;
}

/* A host-visible buffer, filled with `data` when there is some. */
static struct memory_object make_buffer(const struct vk_context *vk,
					VkDeviceSize size,
					VkBufferUsageFlags usage,
					const void *data)
{
	VkBufferCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO,
	    .size = size,
	    .usage = usage,
	};
	struct memory_object made;
	VkMemoryRequirements needs;
	void *mapped;

	check(vkCreateBuffer(vk->device, &info, vk->allocator, &made.buffer),
	      "vkCreateBuffer");
	vkGetBufferMemoryRequirements(vk->device, made.buffer, &needs);
	made.memory = allocate(vk, needs,
			       VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
				   VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
	check(vkBindBufferMemory(vk->device, made.buffer, made.memory, 0),
	      "vkBindBufferMemory");
	if (data) {
		check(vkMapMemory(vk->device, made.memory, 0, size, 0,
				  &mapped),
		      "vkMapMemory");
		memcpy(mapped, data, size);
		vkUnmapMemory(vk->device, made.memory);
	}
	return made;
}

static struct memory_object make_image(const struct vk_context *vk,
				       VkFormat format, uint32_t width,
				       uint32_t height, VkImageUsageFlags usage)
{
	VkImageCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO,
	    .imageType = VK_IMAGE_TYPE_2D,
	    .format = format,
	    .extent = {width, height, 1},
	    .mipLevels = 1,
	    .arrayLayers = 1,
	    .samples = VK_SAMPLE_COUNT_1_BIT,
	    .tiling = VK_IMAGE_TILING_OPTIMAL,
	    .usage = usage,
	    .initialLayout = VK_IMAGE_LAYOUT_UNDEFINED,
	};
	struct memory_object made;
	VkMemoryRequirements needs;

	check(vkCreateImage(vk->device, &info, vk->allocator, &made.image),
	      "vkCreateImage");
	vkGetImageMemoryRequirements(vk->device, made.image, &needs);
	made.memory = allocate(vk, needs, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
	check(vkBindImageMemory(vk->device, made.image, made.memory, 0),
	      "vkBindImageMemory");
	return made;
}

static VkImageView make_view(const struct vk_context *vk, VkImage image,
			     VkFormat format, VkImageAspectFlags aspect)
{
	VkImageViewCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO,
	    .image = image,
	    .viewType = VK_IMAGE_VIEW_TYPE_2D,
	    .format = format,
	    .subresourceRange = {aspect, 0, 1, 0, 1},
	};
	VkImageView view;

	check(vkCreateImageView(vk->device, &info, vk->allocator, &view),
	      "vkCreateImageView");
	return view;
}

static void free_object(const struct vk_context *vk,
			struct memory_object object, int is_image)
{
	if (is_image)
		vkDestroyImage(vk->device, object.image, vk->allocator);
	else
		vkDestroyBuffer(vk->device, object.buffer, vk->allocator);
	vkFreeMemory(vk->device, object.memory, vk->allocator);
}

static VkRenderPass make_render_pass(const struct vk_context *vk)
{
	VkAttachmentDescription attachments[] = {
	    {0, COLOR_FORMAT, VK_SAMPLE_COUNT_1_BIT,
	     VK_ATTACHMENT_LOAD_OP_CLEAR, VK_ATTACHMENT_STORE_OP_STORE,
	     VK_ATTACHMENT_LOAD_OP_DONT_CARE, VK_ATTACHMENT_STORE_OP_DONT_CARE,
	     VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL},
	    {0, DEPTH_FORMAT, VK_SAMPLE_COUNT_1_BIT,
	     VK_ATTACHMENT_LOAD_OP_CLEAR, VK_ATTACHMENT_STORE_OP_DONT_CARE,
	     VK_ATTACHMENT_LOAD_OP_DONT_CARE, VK_ATTACHMENT_STORE_OP_DONT_CARE,
	     VK_IMAGE_LAYOUT_UNDEFINED,
	     VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL},
	};
	VkAttachmentReference color = {0,
				       VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
	VkAttachmentReference depth = {
	    1, VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL};
	VkSubpassDescription subpass = {
	    .pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS,
	    .colorAttachmentCount = 1,
	    .pColorAttachments = &color,
	    .pDepthStencilAttachment = &depth,
	};
	VkRenderPassCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO,
	    .attachmentCount = 2,
	    .pAttachments = attachments,
	    .subpassCount = 1,
	    .pSubpasses = &subpass,
	};
	VkRenderPass pass;

	check(vkCreateRenderPass(vk->device, &info, vk->allocator, &pass),
	      "vkCreateRenderPass");
	return pass;
}

static VkShaderModule make_shader(const struct vk_context *vk,
				  const uint32_t *code, size_t size)
{
	VkShaderModuleCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO,
	    .codeSize = size,
	    .pCode = code,
	};
	VkShaderModule module;

	check(vkCreateShaderModule(vk->device, &info, vk->allocator, &module),
	      "vkCreateShaderModule");
	return module;
}

static VkPipeline make_pipeline(const struct vk_context *vk,
				VkRenderPass pass, VkPipelineLayout layout)
{
	VkShaderModule vertex =
	    make_shader(vk, vertex_spirv, sizeof(vertex_spirv));
	VkShaderModule fragment =
	    make_shader(vk, fragment_spirv, sizeof(fragment_spirv));
	VkPipelineShaderStageCreateInfo stages[] = {
	    {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, NULL, 0,
	     VK_SHADER_STAGE_VERTEX_BIT, vertex, "main", NULL},
	    {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO, NULL, 0,
	     VK_SHADER_STAGE_FRAGMENT_BIT, fragment, "main", NULL},
	};
	VkVertexInputBindingDescription binding = {
	    0, 5 * sizeof(float), VK_VERTEX_INPUT_RATE_VERTEX};
	VkVertexInputAttributeDescription attributes[] = {
	    {0, 0, VK_FORMAT_R32G32B32_SFLOAT, 0},
	    {1, 0, VK_FORMAT_R32G32_SFLOAT, 3 * sizeof(float)},
	};
	VkPipelineVertexInputStateCreateInfo input = {
	    .sType = VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO,
	    .vertexBindingDescriptionCount = 1,
	    .pVertexBindingDescriptions = &binding,
	    .vertexAttributeDescriptionCount = 2,
	    .pVertexAttributeDescriptions = attributes,
	};
	VkPipelineInputAssemblyStateCreateInfo assembly = {
	    .sType =
		VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO,
	    .topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_STRIP,
	};
	VkPipelineViewportStateCreateInfo viewport = {
	    .sType = VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO,
	    .viewportCount = 1,
	    .scissorCount = 1,
	};
	VkPipelineRasterizationStateCreateInfo raster = {
	    .sType = VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO,
	    .polygonMode = VK_POLYGON_MODE_FILL,
	    .cullMode = VK_CULL_MODE_NONE,
	    .lineWidth = 1.0f,
	};
	VkPipelineMultisampleStateCreateInfo multisample = {
	    .sType = VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO,
	    .rasterizationSamples = VK_SAMPLE_COUNT_1_BIT,
	};
	VkPipelineDepthStencilStateCreateInfo depth = {
	    .sType =
		VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO,
	    .depthTestEnable = VK_TRUE,
	    .depthWriteEnable = VK_TRUE,
	    .depthCompareOp = VK_COMPARE_OP_LESS,
	};
	VkPipelineColorBlendAttachmentState blend_attachment = {
	    .colorWriteMask = 0xf,
	};
	VkPipelineColorBlendStateCreateInfo blend = {
	    .sType = VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO,
	    .attachmentCount = 1,
	    .pAttachments = &blend_attachment,
	};
	VkDynamicState dynamic_states[] = {VK_DYNAMIC_STATE_VIEWPORT,
					   VK_DYNAMIC_STATE_SCISSOR};
	VkPipelineDynamicStateCreateInfo dynamic = {
	    .sType = VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO,
	    .dynamicStateCount = 2,
	    .pDynamicStates = dynamic_states,
	};
	VkGraphicsPipelineCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO,
	    .stageCount = 2,
	    .pStages = stages,
	    .pVertexInputState = &input,
	    .pInputAssemblyState = &assembly,
	    .pViewportState = &viewport,
	    .pRasterizationState = &raster,
	    .pMultisampleState = &multisample,
	    .pDepthStencilState = &depth,
	    .pColorBlendState = &blend,
	    .pDynamicState = &dynamic,
	    .layout = layout,
	    .renderPass = pass,
	};
	VkPipeline pipeline;

	check(vkCreateGraphicsPipelines(vk->device, VK_NULL_HANDLE, 1, &info,
					vk->allocator, &pipeline),
	      "vkCreateGraphicsPipelines");
	vkDestroyShaderModule(vk->device, vertex, vk->allocator);
	vkDestroyShaderModule(vk->device, fragment, vk->allocator);
	return pipeline;
}

/* The texture's binding: one combined image sampler. */
static VkDescriptorSetLayout make_set_layout(const struct vk_context *vk)
{
	VkDescriptorSetLayoutBinding binding = {
	    0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1,
	    VK_SHADER_STAGE_FRAGMENT_BIT, NULL};
	VkDescriptorSetLayoutCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO,
	    .bindingCount = 1,
	    .pBindings = &binding,
	};
	VkDescriptorSetLayout layout;

	check(vkCreateDescriptorSetLayout(vk->device, &info, vk->allocator,
					  &layout),
	      "vkCreateDescriptorSetLayout");
	return layout;
}

static VkDescriptorSet make_set(const struct vk_context *vk,
				VkDescriptorPool *pool,
				VkDescriptorSetLayout layout, VkImageView view,
				VkSampler sampler)
{
	VkDescriptorPoolSize size = {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
				     1};
	VkDescriptorPoolCreateInfo pool_info = {
	    .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO,
	    .maxSets = 1,
	    .poolSizeCount = 1,
	    .pPoolSizes = &size,
	};
	VkDescriptorSetAllocateInfo set_info = {
	    .sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO,
	    .descriptorSetCount = 1,
	    .pSetLayouts = &layout,
	};
	VkDescriptorImageInfo image = {
	    sampler, view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
	VkWriteDescriptorSet write = {
	    .sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET,
	    .descriptorCount = 1,
	    .descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER,
	    .pImageInfo = &image,
	};
	VkDescriptorSet set;

	check(vkCreateDescriptorPool(vk->device, &pool_info, vk->allocator,
				     pool),
	      "vkCreateDescriptorPool");
	set_info.descriptorPool = *pool;
	check(vkAllocateDescriptorSets(vk->device, &set_info, &set),
	      "vkAllocateDescriptorSets");
	write.dstSet = set;
	vkUpdateDescriptorSets(vk->device, 1, &write, 0, NULL);
	return set;
}

static VkSampler make_sampler(const struct vk_context *vk)
{
	VkSamplerCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO,
	    .magFilter = VK_FILTER_LINEAR,
	    .minFilter = VK_FILTER_LINEAR,
	    .addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
	    .addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
	    .addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE,
	    .maxLod = 1.0f,
	};
	VkSampler sampler;

	check(vkCreateSampler(vk->device, &info, vk->allocator, &sampler),
	      "vkCreateSampler");
	return sampler;
}

void layout_barrier(VkCommandBuffer commands, VkImage image,
			   VkImageLayout from, VkImageLayout to,
			   VkAccessFlags done, VkAccessFlags next)
{
	VkImageMemoryBarrier barrier = {
	    .sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER,
	    .srcAccessMask = done,
	    .dstAccessMask = next,
	    .oldLayout = from,
	    .newLayout = to,
	    .srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
	    .dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED,
	    .image = image,
	    .subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1},
	};

	vkCmdPipelineBarrier(commands, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT,
			     VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, 0, 0, NULL, 0,
			     NULL, 1, &barrier);
}

static void upload_texture(VkCommandBuffer commands, VkBuffer staging,
			   VkImage texture)
{
	VkBufferImageCopy region = {
	    .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1},
	    .imageExtent = {TEXTURE_SIZE, TEXTURE_SIZE, 1},
	};

	layout_barrier(commands, texture, VK_IMAGE_LAYOUT_UNDEFINED,
		       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 0,
		       VK_ACCESS_TRANSFER_WRITE_BIT);
	vkCmdCopyBufferToImage(commands, staging, texture,
			       VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
	layout_barrier(commands, texture, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
		       VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
		       VK_ACCESS_TRANSFER_WRITE_BIT, VK_ACCESS_SHADER_READ_BIT);
}

static void checkerboard(unsigned char *texels)
{
	for (int i = 0; i < TEXTURE_SIZE * TEXTURE_SIZE; i++) {
		int dark = ((i % 16) / 4 + (i / 16) / 4) % 2;

		texels[i * 4 + 0] = dark ? 40 : 250;
		texels[i * 4 + 1] = dark ? 60 : 200;
		texels[i * 4 + 2] = (unsigned char)(i % 251);
		texels[i * 4 + 3] = 255;
	}
}

/* What one command buffer records: everything the scene's draw reads. */
struct scene {
	VkRenderPass pass;
	VkFramebuffer framebuffer;
	VkPipeline pipeline;
	VkPipelineLayout layout;
	VkDescriptorSet set;
	VkBuffer vertices;
	VkImage color;
	VkBuffer readback;
};

static void record_draw(VkCommandBuffer commands, const struct scene *scene)
{
	VkClearValue clear[] = {{.color = {{0.1f, 0.15f, 0.2f, 1.0f}}},
				{.depthStencil = {1.0f, 0}}};
	VkRenderPassBeginInfo begin = {
	    .sType = VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO,
	    .renderPass = scene->pass,
	    .framebuffer = scene->framebuffer,
	    .renderArea = {{0, 0}, {WIDTH, HEIGHT}},
	    .clearValueCount = 2,
	    .pClearValues = clear,
	};
	VkViewport viewport = {0, 0, WIDTH, HEIGHT, 0.0f, 1.0f};
	VkRect2D scissor = {{0, 0}, {WIDTH, HEIGHT}};
	VkDeviceSize offset = 0;
	VkBufferImageCopy region = {
	    .imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1},
	    .imageExtent = {WIDTH, HEIGHT, 1},
	};

	vkCmdBeginRenderPass(commands, &begin, VK_SUBPASS_CONTENTS_INLINE);
	vkCmdBindPipeline(commands, VK_PIPELINE_BIND_POINT_GRAPHICS,
			  scene->pipeline);
	vkCmdSetViewport(commands, 0, 1, &viewport);
	vkCmdSetScissor(commands, 0, 1, &scissor);
	vkCmdBindVertexBuffers(commands, 0, 1, &scene->vertices, &offset);
	vkCmdBindDescriptorSets(commands, VK_PIPELINE_BIND_POINT_GRAPHICS,
				scene->layout, 0, 1, &scene->set, 0, NULL);
	vkCmdDraw(commands, 4, 1, 0, 0);
	vkCmdDraw(commands, 4, 1, 4, 0);
	vkCmdEndRenderPass(commands);
	vkCmdCopyImageToBuffer(commands, scene->color,
			       VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
			       scene->readback, 1, &region);
}

VkCommandBuffer begin_commands(const struct vk_context *vk,
			       VkCommandPool *pool)
{
	VkCommandPoolCreateInfo pool_info = {
	    .sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO,
	    .queueFamilyIndex = vk->queue_family,
	};
	VkCommandBufferAllocateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO,
	    .level = VK_COMMAND_BUFFER_LEVEL_PRIMARY,
	    .commandBufferCount = 1,
	};
	VkCommandBufferBeginInfo begin = {
	    .sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO,
	    .flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT,
	};
	VkCommandBuffer commands;

	check(vkCreateCommandPool(vk->device, &pool_info, vk->allocator, pool),
	      "vkCreateCommandPool");
	info.commandPool = *pool;
	check(vkAllocateCommandBuffers(vk->device, &info, &commands),
	      "vkAllocateCommandBuffers");
	check(vkBeginCommandBuffer(commands, &begin), "vkBeginCommandBuffer");
	return commands;
}

static void submit(const struct vk_context *vk, VkCommandBuffer commands)
{
	VkSubmitInfo info = {
	    .sType = VK_STRUCTURE_TYPE_SUBMIT_INFO,
	    .commandBufferCount = 1,
	    .pCommandBuffers = &commands,
	};

	check(vkEndCommandBuffer(commands), "vkEndCommandBuffer");
	check(vkQueueSubmit(vk->queue, 1, &info, VK_NULL_HANDLE),
	      "vkQueueSubmit");
	check(vkQueueWaitIdle(vk->queue), "vkQueueWaitIdle");
}

static VkFramebuffer make_framebuffer(const struct vk_context *vk,
				      VkRenderPass pass,
				      const VkImageView views[2])
{
	VkFramebufferCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO,
	    .renderPass = pass,
	    .attachmentCount = 2,
	    .pAttachments = views,
	    .width = WIDTH,
	    .height = HEIGHT,
	    .layers = 1,
	};
	VkFramebuffer framebuffer;

	check(vkCreateFramebuffer(vk->device, &info, vk->allocator,
				  &framebuffer),
	      "vkCreateFramebuffer");
	return framebuffer;
}

static VkPipelineLayout make_layout(const struct vk_context *vk,
				    VkDescriptorSetLayout set_layout)
{
	VkPipelineLayoutCreateInfo info = {
	    .sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO,
	    .setLayoutCount = 1,
	    .pSetLayouts = &set_layout,
	};
	VkPipelineLayout layout;

	check(vkCreatePipelineLayout(vk->device, &info, vk->allocator,
				     &layout),
	      "vkCreatePipelineLayout");
	return layout;
}

static const float quad_vertices[] = {
    /* x, y, z, u, v: two quads, the second tilted through the first */
    -0.8f, -0.8f, 0.4f, 0.0f, 0.0f, 0.6f, -0.8f, 0.4f, 1.0f, 0.0f,
    -0.8f, 0.6f,  0.4f, 0.0f, 1.0f, 0.6f, 0.6f,  0.4f, 1.0f, 1.0f,
    -0.4f, -0.4f, 0.1f, 0.0f, 0.0f, 0.9f, -0.2f, 0.7f, 1.0f, 0.0f,
    -0.3f, 0.9f,  0.1f, 0.0f, 1.0f, 0.8f, 0.8f,  0.7f, 1.0f, 1.0f,
};

void draw_scene(const struct vk_context *vk, unsigned char *rgba, int raw)
{
	unsigned char texels[TEXTURE_SIZE * TEXTURE_SIZE * 4];
	struct memory_object vertices, staging, texture, color, depth, readback;
	VkImageView views[2], texture_view;
	VkDescriptorSetLayout set_layout = make_set_layout(vk);
	VkDescriptorPool descriptor_pool;
	VkSampler sampler = make_sampler(vk);
	VkCommandPool command_pool;
	VkCommandBuffer commands;
	struct scene scene;
	void *mapped;

	checkerboard(texels);
	vertices = make_buffer(vk, sizeof(quad_vertices),
			       VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, quad_vertices);
	staging = make_buffer(vk, sizeof(texels),
			      VK_BUFFER_USAGE_TRANSFER_SRC_BIT, texels);
	readback = make_buffer(vk, WIDTH * HEIGHT * 4,
			       VK_BUFFER_USAGE_TRANSFER_DST_BIT, NULL);
	texture = make_image(vk, COLOR_FORMAT, TEXTURE_SIZE, TEXTURE_SIZE,
			     VK_IMAGE_USAGE_TRANSFER_DST_BIT |
				 VK_IMAGE_USAGE_SAMPLED_BIT);
	color = make_image(vk, COLOR_FORMAT, WIDTH, HEIGHT,
			   VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
			       VK_IMAGE_USAGE_TRANSFER_SRC_BIT);
	depth = make_image(vk, DEPTH_FORMAT, WIDTH, HEIGHT,
			   VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT);
	texture_view = make_view(vk, texture.image, COLOR_FORMAT,
				 VK_IMAGE_ASPECT_COLOR_BIT);
	views[0] = make_view(vk, color.image, COLOR_FORMAT,
			     VK_IMAGE_ASPECT_COLOR_BIT);
	views[1] = make_view(vk, depth.image, DEPTH_FORMAT,
			     VK_IMAGE_ASPECT_DEPTH_BIT);
	scene = (struct scene){
	    .pass = make_render_pass(vk),
	    .layout = make_layout(vk, set_layout),
	    .set = make_set(vk, &descriptor_pool, set_layout, texture_view,
			    sampler),
	    .vertices = vertices.buffer,
	    .color = color.image,
	    .readback = readback.buffer,
	};
	scene.framebuffer = make_framebuffer(vk, scene.pass, views);
	scene.pipeline = make_pipeline(vk, scene.pass, scene.layout);

	commands = begin_commands(vk, &command_pool);
	upload_texture(commands, staging.buffer, texture.image);
	record_draw(commands, &scene);
	submit(vk, commands);

	check(vkMapMemory(vk->device, readback.memory, 0, VK_WHOLE_SIZE, 0,
			  &mapped),
	      "vkMapMemory");
	memcpy(rgba, mapped, WIDTH * HEIGHT * 4);
	/* The driver's memory in a system call. */
	if (raw >= 0 && write(raw, mapped, WIDTH * HEIGHT * 4) !=
			    WIDTH * HEIGHT * 4)
		die("cannot write the mapped image");
	vkUnmapMemory(vk->device, readback.memory);

	vkDestroyCommandPool(vk->device, command_pool, vk->allocator);
	vkDestroyPipeline(vk->device, scene.pipeline, vk->allocator);
	vkDestroyFramebuffer(vk->device, scene.framebuffer, vk->allocator);
	vkDestroyPipelineLayout(vk->device, scene.layout, vk->allocator);
	vkDestroyRenderPass(vk->device, scene.pass, vk->allocator);
	vkDestroyDescriptorPool(vk->device, descriptor_pool, vk->allocator);
	vkDestroyDescriptorSetLayout(vk->device, set_layout, vk->allocator);
	vkDestroySampler(vk->device, sampler, vk->allocator);
	vkDestroyImageView(vk->device, texture_view, vk->allocator);
	vkDestroyImageView(vk->device, views[0], vk->allocator);
	vkDestroyImageView(vk->device, views[1], vk->allocator);
	free_object(vk, texture, 1);
	free_object(vk, color, 1);
	free_object(vk, depth, 1);
	free_object(vk, vertices, 0);
	free_object(vk, staging, 0);
	free_object(vk, readback, 0);
}
