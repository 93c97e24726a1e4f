// SPDX-License-Identifier: GPL-2.0-or-later
// The Vulkan client's fragment shader: the texture, tinted by position.
#version 450
layout(location = 0) in vec2 v_uv;
layout(location = 0) out vec4 color;
layout(binding = 0) uniform sampler2D image;
void main()
{
	color = texture(image, v_uv) * vec4(v_uv, 0.8, 1.0);
}
