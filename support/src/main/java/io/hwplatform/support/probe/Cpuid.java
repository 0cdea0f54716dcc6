package io.hwplatform.support.probe;

import java.nio.charset.StandardCharsets;

/** Decoding of CPUID registers. Pure functions. */
public final class Cpuid {

    private Cpuid() {}

    /** @return the vendor signature of a hypervisor leaf: EBX, ECX, EDX as 12 bytes, trailing NULs dropped */
    public static String signature(int[] registers) {
        byte[] bytes = new byte[12];
        for (int register = 0; register < 3; register++) {
            int value = registers[register + 1];
            for (int i = 0; i < 4; i++) {
                bytes[register * 4 + i] = (byte) (value >>> (8 * i));
            }
        }
        int length = bytes.length;
        while (length > 0 && bytes[length - 1] == 0) {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** @return whether a signature looks like a vendor name rather than zeros or stray register contents */
    public static boolean isPrintable(String signature) {
        if (signature.isBlank()) {
            return false;
        }
        for (char c : signature.toCharArray()) {
            if (c < 0x20 && c != 0 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** @return the registers for the evidence table, e.g. {@code eax=0x40000001 "KVMKVMKVM"} */
    public static String describe(int[] registers) {
        String signature = signature(registers);
        return String.format("eax=%#x ebx=%#x ecx=%#x edx=%#x%s", registers[0], registers[1], registers[2],
                registers[3], isPrintable(signature) ? " \"" + signature.replace("\0", "\\0") + "\"" : "");
    }
}
