//go:build !purego

#include "textflag.h"

// The oscillator's constant-frequency loop, four frames at a time: phases in closed form
// (phase + k·inc, wrapped into [0, size)), table indices clamped into the table so that no
// phase rounding can read past the guard sample, and each index reading a sample and its successor with one 64-bit load
// (gathers cost more here). The
// interpolation is Go's float32 arithmetic step for step (no FMA), so only the phase's
// rounding differs from the scalar loop.

// func oscAVX2(d *float32, n int, t0, t1 *float32, mix float32, phase, inc, size, invSize float64)
TEXT ·oscAVX2(SB), NOSPLIT, $0-72
	MOVQ d+0(FP), DI
	MOVQ n+8(FP), CX
	MOVQ t0+16(FP), SI
	MOVQ t1+24(FP), R8
	VBROADCASTSS mix+32(FP), X10
	VBROADCASTSD phase+40(FP), Y0
	VBROADCASTSD inc+48(FP), Y1
	VBROADCASTSD size+56(FP), Y2
	VBROADCASTSD invSize+64(FP), Y12
	VMOVUPD oscK<>+0(SB), Y3  // frame numbers k
	VMOVUPD oscK<>+32(SB), Y15 // 4
	VCVTTPD2DQY Y2, X11
	VPCMPEQD X8, X8, X8
	VPADDD X8, X11, X11 // size − 1, the last index with a guard sample after it
	VPXOR X14, X14, X14
	XORQ AX, AX

oscLoop:
	CMPQ AX, CX
	JGE  oscDone
	VMOVAPD Y0, Y4
	VFMADD231PD Y1, Y3, Y4 // phase + k·inc
	VMULPD Y12, Y4, Y5
	VROUNDPD $9, Y5, Y5    // floor
	VFNMADD231PD Y2, Y5, Y4
	VCVTTPD2DQY Y4, X6
	VPMAXSD X14, X6, X6
	VPMINSD X11, X6, X6
	VCVTDQ2PD X6, Y7
	VSUBPD Y7, Y4, Y7
	VCVTPD2PSY Y7, X7      // fraction, float32
	// Each index reads a table sample and the next one with one 64-bit load.
	VMOVD X6, R9
	VPEXTRD $1, X6, R10
	VPEXTRD $2, X6, R11
	VPEXTRD $3, X6, R12
	VMOVSD (SI)(R9*4), X4
	VMOVHPD (SI)(R10*4), X4, X4
	VMOVSD (SI)(R11*4), X5
	VMOVHPD (SI)(R12*4), X5, X5
	VMOVSD (R8)(R9*4), X13
	VMOVHPD (R8)(R10*4), X13, X13
	VMOVSD (R8)(R11*4), X8
	VMOVHPD (R8)(R12*4), X8, X8
	VSHUFPS $0x88, X5, X4, X9  // t0[i]
	VSHUFPS $0xDD, X5, X4, X4  // t0[i+1]
	VSUBPS X9, X4, X4
	VMULPS X7, X4, X4
	VADDPS X4, X9, X4          // v0
	VSHUFPS $0x88, X8, X13, X9 // t1[i]
	VSHUFPS $0xDD, X8, X13, X13
	VSUBPS X9, X13, X13
	VMULPS X7, X13, X13
	VADDPS X13, X9, X9         // v1
	VSUBPS X4, X9, X9
	VMULPS X10, X9, X9
	VADDPS X9, X4, X4
	VMOVUPS X4, (DI)(AX*4)
	VADDPD Y15, Y3, Y3
	ADDQ $4, AX
	JMP  oscLoop

oscDone:
	VZEROUPPER
	RET

DATA oscK<>+0x00(SB)/8, $0x0000000000000000  // 0 1 2 3
DATA oscK<>+0x08(SB)/8, $0x3ff0000000000000
DATA oscK<>+0x10(SB)/8, $0x4000000000000000
DATA oscK<>+0x18(SB)/8, $0x4008000000000000
DATA oscK<>+0x20(SB)/8, $0x4010000000000000  // 4
DATA oscK<>+0x28(SB)/8, $0x4010000000000000
DATA oscK<>+0x30(SB)/8, $0x4010000000000000
DATA oscK<>+0x38(SB)/8, $0x4010000000000000
GLOBL oscK<>(SB), RODATA|NOPTR, $64
