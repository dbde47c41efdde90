# Compiler flags shared by every target of the project: bantin_flags is an
# interface library that each module links.
add_library(bantin_flags INTERFACE)
target_compile_options(bantin_flags INTERFACE
  -Wall -Wextra -Wformat=2 -Wshadow -Wconversion -Wsign-conversion
  -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition
  -Wpointer-arith -Wvla -Wundef -Wcast-qual -Wnull-dereference
  -D_POSIX_C_SOURCE=200809L)
if(BANTIN_WERROR)
  target_compile_options(bantin_flags INTERFACE -Werror)
endif()
if(BANTIN_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-sanitize-recover=all
           -fno-omit-frame-pointer)
  target_compile_options(bantin_flags INTERFACE ${_san})
  target_link_options(bantin_flags INTERFACE ${_san})
endif()
if(BANTIN_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "BANTIN_FUZZ needs clang: configure with CC=clang")
  endif()
  # Coverage for libFuzzer in every library; the targets link the fuzzer.
  set(_fuzz -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
            -fno-omit-frame-pointer)
  target_compile_options(bantin_flags INTERFACE ${_fuzz})
  target_link_options(bantin_flags INTERFACE -fsanitize=address,undefined)
endif()
