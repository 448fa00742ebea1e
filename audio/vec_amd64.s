//go:build !purego

#include "textflag.h"

// Element-wise float32 kernels for the graph's mixing and gains, eight lanes per register,
// sixteen per iteration. Plain multiplies and adds (no FMA): the results are the scalar
// loop's bit for bit. n is a multiple of 16.

// func scaleAVX2(dst, src *float32, n int, k float32)
TEXT ·scaleAVX2(SB), NOSPLIT, $0-28
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS k+24(FP), Y2
	XORQ AX, AX

scaleLoop:
	CMPQ AX, CX
	JGE  scaleDone
	VMULPS (SI)(AX*4), Y2, Y0
	VMULPS 32(SI)(AX*4), Y2, Y1
	VMOVUPS Y0, (DI)(AX*4)
	VMOVUPS Y1, 32(DI)(AX*4)
	ADDQ $16, AX
	JMP  scaleLoop

scaleDone:
	VZEROUPPER
	RET

// func mulAVX2(dst, src, k *float32, n int)
TEXT ·mulAVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ k+16(FP), DX
	MOVQ n+24(FP), CX
	XORQ AX, AX

mulLoop:
	CMPQ AX, CX
	JGE  mulDone
	VMOVUPS (SI)(AX*4), Y0
	VMOVUPS 32(SI)(AX*4), Y1
	VMULPS (DX)(AX*4), Y0, Y0
	VMULPS 32(DX)(AX*4), Y1, Y1
	VMOVUPS Y0, (DI)(AX*4)
	VMOVUPS Y1, 32(DI)(AX*4)
	ADDQ $16, AX
	JMP  mulLoop

mulDone:
	VZEROUPPER
	RET

// func addAVX2(dst, src *float32, n int)
TEXT ·addAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ AX, AX

addLoop:
	CMPQ AX, CX
	JGE  addDone
	VMOVUPS (DI)(AX*4), Y0
	VMOVUPS 32(DI)(AX*4), Y1
	VADDPS (SI)(AX*4), Y0, Y0
	VADDPS 32(SI)(AX*4), Y1, Y1
	VMOVUPS Y0, (DI)(AX*4)
	VMOVUPS Y1, 32(DI)(AX*4)
	ADDQ $16, AX
	JMP  addLoop

addDone:
	VZEROUPPER
	RET
