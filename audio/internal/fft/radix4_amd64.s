//go:build !purego

#include "textflag.h"

// One radix-4 stage (L ≥ 2 butterflies per block) of Plan.transform, two butterflies per
// iteration: a YMM register holds two complex128. Complex products by the twiddles are
// x·re(w) ∓ swap(x)·im(w) through one FMADDSUB; the inverse conjugates the twiddles by
// flipping the sign of im(w), and multiplies d23 by +i instead of −i.

DATA r4Mask<>+0x00(SB)/8, $0x0000000000000000 // forward: −i·d = (im d, −re d)
DATA r4Mask<>+0x08(SB)/8, $0x8000000000000000
DATA r4Mask<>+0x10(SB)/8, $0x0000000000000000
DATA r4Mask<>+0x18(SB)/8, $0x8000000000000000
DATA r4Mask<>+0x20(SB)/8, $0x8000000000000000 // inverse: +i·d = (−im d, re d)
DATA r4Mask<>+0x28(SB)/8, $0x0000000000000000
DATA r4Mask<>+0x30(SB)/8, $0x8000000000000000
DATA r4Mask<>+0x38(SB)/8, $0x0000000000000000
DATA r4Mask<>+0x40(SB)/8, $0x8000000000000000 // inverse: −im w
DATA r4Mask<>+0x48(SB)/8, $0x8000000000000000
DATA r4Mask<>+0x50(SB)/8, $0x8000000000000000
DATA r4Mask<>+0x58(SB)/8, $0x8000000000000000
GLOBL r4Mask<>(SB), RODATA|NOPTR, $96

// CMUL sets R = A·W for two complex128 lanes; W is clobbered. M flips im(W)'s sign (or not).
#define CMUL(A, W, R, T, M) \
	VMOVDDUP W, T; \
	VPERMILPD $15, W, W; \
	VXORPD M, W, W; \
	VPERMILPD $5, A, R; \
	VMULPD W, R, R; \
	VFMADDSUB231PD T, A, R

// func radix4AVX2(x *complex128, n, l int, w *complex128, inverse bool)
// w holds the stage's twiddles as three runs of l: W^q, W^2q, W^3q (forward direction).
TEXT ·radix4AVX2(SB), NOSPLIT, $0-33
	MOVQ x+0(FP), DI
	MOVQ n+8(FP), CX
	MOVQ l+16(FP), R8
	MOVQ w+24(FP), R9
	SHLQ $4, CX  // bytes
	SHLQ $4, R8
	LEAQ (R9)(R8*1), R10 // W^2q
	LEAQ (R10)(R8*1), R11 // W^3q
	VMOVUPD r4Mask<>+0(SB), Y14
	VXORPD Y15, Y15, Y15
	MOVBLZX inverse+32(FP), AX
	TESTQ AX, AX
	JZ   r4Fwd
	VMOVUPD r4Mask<>+32(SB), Y14
	VMOVUPD r4Mask<>+64(SB), Y15

r4Fwd:
	XORQ SI, SI

r4Block:
	CMPQ SI, CX
	JGE  r4Done
	LEAQ (DI)(SI*1), BX
	LEAQ (BX)(R8*1), R12
	LEAQ (R12)(R8*1), R13
	LEAQ (R13)(R8*1), DX
	XORQ AX, AX

r4Fly:
	CMPQ AX, R8
	JGE  r4Next
	// With the radix-2 bit-reversed order, blocks 1 and 2 hold the odd-even and even-odd
	// halves, hence W^2q on block 1 and W^q on block 2.
	VMOVUPD (R12)(AX*1), Y0
	VMOVUPD (R10)(AX*1), Y5
	CMUL(Y0, Y5, Y1, Y6, Y15)  // t1
	VMOVUPD (R13)(AX*1), Y0
	VMOVUPD (R9)(AX*1), Y5
	CMUL(Y0, Y5, Y2, Y6, Y15)  // t2
	VMOVUPD (DX)(AX*1), Y0
	VMOVUPD (R11)(AX*1), Y5
	CMUL(Y0, Y5, Y3, Y6, Y15)  // t3
	VMOVUPD (BX)(AX*1), Y0     // t0
	VADDPD Y1, Y0, Y4          // s01
	VSUBPD Y1, Y0, Y0          // d01
	VADDPD Y3, Y2, Y1          // s23
	VSUBPD Y3, Y2, Y2          // d23
	VPERMILPD $5, Y2, Y2
	VXORPD Y14, Y2, Y2         // ∓i·d23
	VADDPD Y1, Y4, Y3
	VMOVUPD Y3, (BX)(AX*1)
	VSUBPD Y1, Y4, Y4
	VMOVUPD Y4, (R13)(AX*1)
	VADDPD Y2, Y0, Y1
	VMOVUPD Y1, (R12)(AX*1)
	VSUBPD Y2, Y0, Y0
	VMOVUPD Y0, (DX)(AX*1)
	ADDQ $32, AX
	JMP  r4Fly

r4Next:
	LEAQ (SI)(R8*4), SI
	JMP  r4Block

r4Done:
	VZEROUPPER
	RET
