# Front door to the Meson builds: one host build (plugin, host runtime,
# launcher, host thunks) and one cross build per guest ISA (guest runtime,
# guest thunks, test clients). Everything lands in build/.
BUILD := build
GUEST_ISAS := x86_64 aarch64 riscv64
# The build tree is an installation of its own (bin/, lib/dlcall/).
BUILD_PREFIX := $(abspath $(BUILD))
MESON_SETUP := meson setup --prefix=$(BUILD_PREFIX) --libdir=lib
# make install: where to copy it (relocatable: the launcher finds the rest
# from its own path).
PREFIX ?= /usr/local

.PHONY: all build deps check demo bench coverage fuzz clean format install uninstall deb

all: build

deps:
	@sh scripts/deps.sh

build: deps
	@# The arm64 configuration headers of SDL and libjpeg (thunks/meson.build)
	@sh scripts/fetch-clients.sh $(BUILD) arm64 libsdl2-dev libjpeg62-turbo-dev
	@[ -f $(BUILD)/build.ninja ] || $(MESON_SETUP) -Drole=host $(BUILD) >/dev/null
	@ninja --quiet -C $(BUILD)
	@meson install -C $(BUILD) --no-rebuild --quiet >/dev/null
	@sh scripts/fetch-sources.sh $(BUILD)
	@for isa in $(GUEST_ISAS); do \
		dir=$(BUILD)/guest-$$isa; \
		[ -f $$dir/build.ninja ] || $(MESON_SETUP) -Drole=guest \
			-Dhost_dir=$(BUILD_PREFIX)/lib/dlcall/host \
			-Dthunkgen=$(BUILD_PREFIX)/thunkgen/thunkgen \
			--cross-file cross/$$isa-linux-gnu.ini $$dir >/dev/null || exit 1; \
		ninja --quiet -C $$dir || exit 1; \
		meson install -C $$dir --no-rebuild --quiet >/dev/null || exit 1; \
	done
	@echo "dlcall: built $(BUILD)/bin/dlcall"

install: build
	@sh scripts/install.sh $(BUILD) "$(DESTDIR)$(PREFIX)"

uninstall:
	@sh scripts/install.sh --remove $(BUILD) "$(DESTDIR)$(PREFIX)"

deb: build
	@sh scripts/make-deb.sh $(BUILD)

check: build
	@sh tests/run.sh $(BUILD)

demo: build
	@sh scripts/demo.sh $(BUILD)

bench: build
	@sh bench/run.sh $(BUILD)
	@sh bench/programs.sh $(BUILD)
	@sh bench/openssl-speed.sh $(BUILD)
	@sh bench/graphics.sh $(BUILD)
	@sh bench/fonts.sh $(BUILD)
	@sh bench/games.sh $(BUILD)
	@sh bench/breakdown.sh $(BUILD)
	@sh bench/thunkgen-scale.sh $(BUILD)
	@sh bench/qemus.sh $(BUILD)

coverage: build
	@sh scripts/deps.sh coverage
	@sh scripts/coverage.sh $(BUILD)

fuzz: build
	@sh tests/fuzz/run.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD)
