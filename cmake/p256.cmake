# P-256 ECDSA signing on fiat-crypto's verified arithmetic (src/core/p256), plugged
# into Mbed TLS as its mbedtls_ecdsa_sign (MBEDTLS_ECDSA_SIGN_ALT in
# src/mbedtls_config.h).
file(GLOB P256_SOURCES CONFIGURE_DEPENDS
  "${CMAKE_SOURCE_DIR}/src/core/p256/*.cpp" "${CMAKE_SOURCE_DIR}/src/core/p256/*.c")
add_library(cfsigner_p256 STATIC ${P256_SOURCES})
target_include_directories(cfsigner_p256 PUBLIC "${CMAKE_SOURCE_DIR}/src/core/p256")
target_include_directories(cfsigner_p256 PUBLIC "${CMAKE_SOURCE_DIR}/src/core")
target_include_directories(cfsigner_p256 SYSTEM PUBLIC "${CMAKE_SOURCE_DIR}/third_party")
target_link_libraries(cfsigner_p256 PUBLIC mbedcrypto_min)
# Mbed TLS's ecdsa.c calls the mbedtls_ecdsa_sign defined here: a cycle of two
# static libraries, which CMake resolves by repeating them on the link line.
target_link_libraries(mbedcrypto_min PRIVATE cfsigner_p256)
set_target_properties(cfsigner_p256 PROPERTIES C_STANDARD 99)
set_source_files_properties("${CMAKE_SOURCE_DIR}/src/core/p256/modular_inverse.c" PROPERTIES
  # libsecp256k1's util.h defines helpers the shim does not use.
  COMPILE_OPTIONS "-Wno-unused-function")
target_compile_options(cfsigner_p256 PRIVATE -Wall -Wextra -Werror
  $<$<COMPILE_LANGUAGE:CXX>:-Wpedantic>)
if(EMSCRIPTEN)
  # Built for speed (a signature is ~40 field multiplications per window) and with
  # SIMD128 for the table scans. Auto-vectorized scalar code ran 2.5x slower than
  # plain code in the prototype, so only the hand-written SIMD uses vectors.
  # Never -Oz here: emcc then adds -fno-inline-functions to the whole line.
  target_compile_options(cfsigner_p256 PRIVATE -O3 -msimd128 -fno-vectorize -fno-slp-vectorize)
endif()

if(EMSCRIPTEN)
  # A test-only module exporting the kernels (tests/js/p256-kernels.test.cjs), built by
  # scripts/test.sh, never shipped.
  add_executable(p256_kernels EXCLUDE_FROM_ALL "${CMAKE_SOURCE_DIR}/tests/wasm/p256_kernels.cpp")
  set_target_properties(p256_kernels PROPERTIES SUFFIX ".cjs")
  target_link_libraries(p256_kernels PRIVATE cfsigner_p256)
  target_compile_options(p256_kernels PRIVATE -O3 -msimd128 -Wall -Wextra -Werror)
  target_link_options(p256_kernels PRIVATE
    -msimd128 -sMODULARIZE=1 -sEXPORT_NAME=createP256Kernels -sENVIRONMENT=node
    -sWASM_ASYNC_COMPILATION=0 -sFILESYSTEM=0 -sALLOW_MEMORY_GROWTH=1 -sMALLOC=emmalloc
    "-sEXPORTED_FUNCTIONS=['_malloc','_free','_p256_field_op','_p256_scalar_op','_p256_base_multiply_x','_p256_select_entry']")
endif()
