//go:build !purego

#include "textflag.h"

// func overSolidAVX2(dst *uint8, n int, s, ia uint32)
//
// overSolidSSE2's d = s + round(d×ia/255) for every byte of the n pixels at
// dst, eight pixels per step in sixteen 16-bit lanes of two registers; the
// last one to seven pixels as four, then one to three loaded and stored on
// their own, so no byte past dst is touched.
TEXT ·overSolidAVX2(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ n+8(FP), CX
	MOVL s+16(FP), R8
	MOVL ia+20(FP), R9
	VMOVD R8, X6
	VPBROADCASTD X6, Y6 // the colour in all eight pixels
	VMOVD R9, X7
	VPBROADCASTW X7, Y7 // ia in all sixteen words
	VPCMPEQW Y4, Y4, Y4
	VPSRLW $15, Y4, Y4
	VPSLLW $7, Y4, Y4          // 128 in all sixteen words

// OVER turns the sixteen bytes of four pixels, widened to words in R, into
// round(d×ia/255) (as words).
#define OVER(R) \
	VPMULLW Y7, R, R \
	VPADDW Y4, R, R \
	VPSRLW $8, R, Y5 \
	VPADDW Y5, R, R \
	VPSRLW $8, R, R

	MOVQ CX, AX
	SHRQ $3, CX
	JZ four
loop:
	VPMOVZXBW 0(DI), Y0
	VPMOVZXBW 16(DI), Y1
	OVER(Y0)
	OVER(Y1)
	VPACKUSWB Y1, Y0, Y0 // pixels 0, 1, 4, 5 | 2, 3, 6, 7
	VPERMQ $0xd8, Y0, Y0
	VPADDB Y6, Y0, Y0
	VMOVDQU Y0, 0(DI)
	ADDQ $32, DI
	DECQ CX
	JNZ loop
four:
	TESTQ $4, AX
	JZ tail
	VPMOVZXBW 0(DI), Y0
	OVER(Y0)
	VPACKUSWB Y0, Y0, Y0 // pixels 0, 1, 0, 1 | 2, 3, 2, 3
	VPERMQ $0xd8, Y0, Y0
	VPADDB Y6, Y0, Y0
	VMOVDQU X0, 0(DI)
	ADDQ $16, DI
tail:
	ANDQ $3, AX
	JZ done
	// The last r = n mod 4 pixels, without a branch on r: pixels 0, r/2
	// and r−1 of them in lanes 0, 1 and 2 (for r < 3 a lane repeats a
	// pixel, which then gets the same value twice).
	MOVQ AX, R8
	SHRQ $1, R8
	LEAQ -1(AX), R10
	VMOVD (DI), X0
	VPINSRD $1, (DI)(R8*4), X0, X0
	VPINSRD $2, (DI)(R10*4), X0, X0
	VPMOVZXBW X0, Y0
	OVER(Y0)
	VPACKUSWB Y0, Y0, Y0
	VPERMQ $0xd8, Y0, Y0
	VPADDB Y6, Y0, Y0
	VPEXTRD $2, X0, (DI)(R10*4)
	VPEXTRD $1, X0, (DI)(R8*4)
	VMOVD X0, (DI)
done:
	VZEROUPPER
	RET
