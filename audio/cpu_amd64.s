//go:build !purego

#include "textflag.h"

// func cpuHasAVX2FMA() bool
// AVX2 and FMA instructions, and an OS that saves the YMM registers (OSXSAVE, XCR0 bits 1–2).
TEXT ·cpuHasAVX2FMA(SB), NOSPLIT, $0-1
	MOVB $0, ret+0(FP)
	MOVL $0, AX
	CPUID
	CMPL AX, $7
	JL   no
	MOVL $1, AX
	MOVL $0, CX
	CPUID
	MOVL CX, R8
	ANDL $0x18001000, R8 // FMA (12), OSXSAVE (27), AVX (28)
	CMPL R8, $0x18001000
	JNE  no
	MOVL $0, CX
	XGETBV
	ANDL $6, AX
	CMPL AX, $6
	JNE  no
	MOVL $7, AX
	MOVL $0, CX
	CPUID
	ANDL $0x20, BX // AVX2 (5)
	JZ   no
	MOVB $1, ret+0(FP)
no:
	RET
