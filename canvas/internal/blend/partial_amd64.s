//go:build !purego

#include "textflag.h"

// func overPartial4SSE2(dst *uint8, cov *uint8, k *[4]uint64)
//
// Source-over of one valid premultiplied colour into four pixels at dst with
// coverages cov[0..3], every channel as
//   q = (S×c + d×(65025 − sa×c) + 32512) / 65025,  S = channel×255,
// the one rounding of SolidOver.Span. k holds S of the four channels as
// words (twice) and then sa in all eight words. The products are formed in
// 32-bit lanes from 16-bit halves (PMULLW/PMULHUW); the sum x stays below
// 255×65025 + 32512, where y = x+1, q1 = (y + ((y + (y>>8)) >> 8)) >> 8 is
// x/255 and (q1 + 1 + (q1>>8)) >> 8 is q1/255 = x/65025 (both checked for
// every such x).
TEXT ·overPartial4SSE2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ cov+8(FP), SI
	MOVQ k+16(FP), DX
	MOVOU 0(DX), X8     // S words
	MOVOU 16(DX), X9    // sa words
	PXOR X7, X7
	PCMPEQW X14, X14
	PSRLL $31, X14      // 1 in all four dwords
	MOVL $65025, AX
	MOVQ AX, X10
	PSHUFLW $0, X10, X10
	PSHUFD $0, X10, X10 // 65025 in all eight words
	MOVL $32513, AX
	MOVQ AX, X11
	PSHUFD $0, X11, X11 // 32512+1 in all four dwords

	MOVL (SI), X0
	PUNPCKLBW X7, X0
	PUNPCKLWL X0, X0
	MOVO X0, X1
	PUNPCKLLQ X0, X0    // c of pixels 0, 1, each in four words
	PUNPCKHLQ X1, X1    // c of pixels 2, 3
	MOVOU (DI), X2
	MOVO X2, X3
	PUNPCKLBW X7, X2    // pixels 0, 1 as words
	PUNPCKHBW X7, X3    // pixels 2, 3

// HALF blends the two pixels of D (words) with coverage words C into OUT
// (eight words): f = 65025 − sa×c, x = S×c + d×f, then q = x/255/255.
#define HALF(C, D, OUT) \
	MOVO X9, X4 \
	PMULLW C, X4 \
	MOVO X10, X5 \
	PSUBW X4, X5 \
	MOVO D, X4 \
	PMULLW X5, X4 \
	PMULHUW X5, D \
	MOVO X4, X6 \
	PUNPCKLWL D, X4 \
	PUNPCKHWL D, X6 \
	MOVO X8, X5 \
	PMULLW C, X5 \
	MOVO X8, X12 \
	PMULHUW C, X12 \
	MOVO X5, X13 \
	PUNPCKLWL X12, X5 \
	PUNPCKHWL X12, X13 \
	PADDL X5, X4 \
	PADDL X13, X6 \
	PADDL X11, X4 \
	PADDL X11, X6 \
	MOVO X4, X5 \
	MOVO X6, X13 \
	PSRLL $8, X5 \
	PSRLL $8, X13 \
	PADDL X4, X5 \
	PADDL X6, X13 \
	PSRLL $8, X5 \
	PSRLL $8, X13 \
	PADDL X5, X4 \
	PADDL X13, X6 \
	PSRLL $8, X4 \
	PSRLL $8, X6 \
	MOVO X4, X5 \
	MOVO X6, X13 \
	PSRLL $8, X5 \
	PSRLL $8, X13 \
	PADDL X5, X4 \
	PADDL X13, X6 \
	PADDL X14, X4 \
	PADDL X14, X6 \
	PSRLL $8, X4 \
	PSRLL $8, X6 \
	PACKSSLW X6, X4 \
	MOVO X4, OUT

	HALF(X0, X2, X2)
	HALF(X1, X3, X3)
	PACKUSWB X3, X2
	MOVOU X2, (DI)
	RET
