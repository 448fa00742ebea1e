//go:build !purego

#include "textflag.h"

// Complex multiply-accumulate over interleaved complex128 (re, im) for the convolver's
// partitioned spectra, two bins per YMM register: acc += x·h is taken as
// acc += x·re(h), then acc += (−im x, re x)·im(h), two FMAs with no horizontal work.

DATA negEven<>+0x00(SB)/8, $0x8000000000000000
DATA negEven<>+0x08(SB)/8, $0x0000000000000000
DATA negEven<>+0x10(SB)/8, $0x8000000000000000
DATA negEven<>+0x18(SB)/8, $0x0000000000000000
GLOBL negEven<>(SB), RODATA|NOPTR, $32

// func cmacAVX2(acc, x, h *complex128, n int)
TEXT ·cmacAVX2(SB), NOSPLIT, $0-32
	MOVQ acc+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ h+16(FP), R9
	MOVQ n+24(FP), CX
	VMOVUPD negEven<>(SB), Y15
	SHLQ $4, CX      // bytes
	MOVQ CX, DX
	ANDQ $-32, DX    // bytes in whole pairs of bins
	XORQ AX, AX

cmacPairs:
	CMPQ AX, DX
	JGE  cmacLast
	VMOVUPD (SI)(AX*1), Y0
	VPERMILPD $5, Y0, Y1 // (im x, re x)
	VXORPD Y15, Y1, Y1   // (−im x, re x)
	VMOVUPD (R9)(AX*1), Y2
	VMOVDDUP Y2, Y3      // re h twice
	VPERMILPD $15, Y2, Y2 // im h twice
	VMOVUPD (DI)(AX*1), Y4
	VFMADD231PD Y3, Y0, Y4
	VFMADD231PD Y2, Y1, Y4
	VMOVUPD Y4, (DI)(AX*1)
	ADDQ $32, AX
	JMP  cmacPairs

cmacLast:
	CMPQ AX, CX
	JGE  cmacDone
	VMOVUPD (SI)(AX*1), X0
	VPERMILPD $1, X0, X1
	VXORPD X15, X1, X1
	VMOVUPD (R9)(AX*1), X2
	VMOVDDUP X2, X3
	VPERMILPD $3, X2, X2
	VMOVUPD (DI)(AX*1), X4
	VFMADD231PD X3, X0, X4
	VFMADD231PD X2, X1, X4
	VMOVUPD X4, (DI)(AX*1)

cmacDone:
	VZEROUPPER
	RET

// func cmac2AVX2(accL, accR, x, hl, hr *complex128, n int)
TEXT ·cmac2AVX2(SB), NOSPLIT, $0-48
	MOVQ accL+0(FP), DI
	MOVQ accR+8(FP), R8
	MOVQ x+16(FP), SI
	MOVQ hl+24(FP), R9
	MOVQ hr+32(FP), R10
	MOVQ n+40(FP), CX
	VMOVUPD negEven<>(SB), Y15
	SHLQ $4, CX
	MOVQ CX, DX
	ANDQ $-32, DX
	XORQ AX, AX

cmac2Pairs:
	CMPQ AX, DX
	JGE  cmac2Last
	VMOVUPD (SI)(AX*1), Y0
	VPERMILPD $5, Y0, Y1
	VXORPD Y15, Y1, Y1
	VMOVUPD (R9)(AX*1), Y2
	VMOVDDUP Y2, Y3
	VPERMILPD $15, Y2, Y2
	VMOVUPD (DI)(AX*1), Y4
	VFMADD231PD Y3, Y0, Y4
	VFMADD231PD Y2, Y1, Y4
	VMOVUPD Y4, (DI)(AX*1)
	VMOVUPD (R10)(AX*1), Y5
	VMOVDDUP Y5, Y6
	VPERMILPD $15, Y5, Y5
	VMOVUPD (R8)(AX*1), Y7
	VFMADD231PD Y6, Y0, Y7
	VFMADD231PD Y5, Y1, Y7
	VMOVUPD Y7, (R8)(AX*1)
	ADDQ $32, AX
	JMP  cmac2Pairs

cmac2Last:
	CMPQ AX, CX
	JGE  cmac2Done
	VMOVUPD (SI)(AX*1), X0
	VPERMILPD $1, X0, X1
	VXORPD X15, X1, X1
	VMOVUPD (R9)(AX*1), X2
	VMOVDDUP X2, X3
	VPERMILPD $3, X2, X2
	VMOVUPD (DI)(AX*1), X4
	VFMADD231PD X3, X0, X4
	VFMADD231PD X2, X1, X4
	VMOVUPD X4, (DI)(AX*1)
	VMOVUPD (R10)(AX*1), X5
	VMOVDDUP X5, X6
	VPERMILPD $3, X5, X5
	VMOVUPD (R8)(AX*1), X7
	VFMADD231PD X6, X0, X7
	VFMADD231PD X5, X1, X7
	VMOVUPD X7, (R8)(AX*1)

cmac2Done:
	VZEROUPPER
	RET
