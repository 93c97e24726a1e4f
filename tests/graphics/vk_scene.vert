// SPDX-License-Identifier: GPL-2.0-or-later
// The Vulkan client's vertex shader: a position and a texture coordinate.
#version 450
layout(location = 0) in vec3 position;
layout(location = 1) in vec2 uv;
layout(location = 0) out vec2 v_uv;
void main()
{
	v_uv = uv;
	gl_Position = vec4(position, 1.0);
}
