#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| takwin::fuzzing::programme_file(data));
