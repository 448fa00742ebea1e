//go:build !purego

#include "textflag.h"

// Byte shuffles of the AVX2 edge kernel. covLo / covHi spread the coverage
// bytes c0 c1 c2 c3 (in every dword) as dwords over the four channels of
// pixels 0, 1 and 2, 3 (one pixel per 128-bit lane); outLo takes the low
// byte of each channel's dword into the first four bytes of its lane;
// outPerm then puts pixels 0, 1, 2, 3 in order.
DATA covLo<>+0(SB)/8, $0x8080800080808000
DATA covLo<>+8(SB)/8, $0x8080800080808000
DATA covLo<>+16(SB)/8, $0x8080800180808001
DATA covLo<>+24(SB)/8, $0x8080800180808001
GLOBL covLo<>(SB), RODATA|NOPTR, $32
DATA covHi<>+0(SB)/8, $0x8080800280808002
DATA covHi<>+8(SB)/8, $0x8080800280808002
DATA covHi<>+16(SB)/8, $0x8080800380808003
DATA covHi<>+24(SB)/8, $0x8080800380808003
GLOBL covHi<>(SB), RODATA|NOPTR, $32
DATA outLo<>+0(SB)/8, $0x808080800c080400
DATA outLo<>+8(SB)/8, $0x8080808080808080
DATA outLo<>+16(SB)/8, $0x808080800c080400
DATA outLo<>+24(SB)/8, $0x8080808080808080
GLOBL outLo<>(SB), RODATA|NOPTR, $32
DATA outPerm<>+0(SB)/8, $0x0000000400000000
DATA outPerm<>+8(SB)/8, $0x0000000500000001
DATA outPerm<>+16(SB)/8, $0x0000000000000000
DATA outPerm<>+24(SB)/8, $0x0000000000000000
GLOBL outPerm<>(SB), RODATA|NOPTR, $32

// func overPartialAVX2(dst *uint8, cov *uint8, n int, k *[12]float32)
//
// Source-over of one valid premultiplied colour into the n pixels at dst
// with coverages cov[0 … n), four at a time; the last one to three pixels
// are loaded and stored on their own, so nothing past them is touched. Every
// channel is
//   q = (S×c + d×(65025 − sa×c) + 32512) / 65025,  S = channel×255,
// the one rounding of SolidOver.Span, in float32: x = S×c + d×(65025 − sa×c)
// is an integer below 2^24, so every step up to it is exact (FMA), and
// fl(x×r + 2^23) with r = float32(1/65025) is 2^23 + round(x/65025), which is
// q because x/65025 is never a half (checked for every x); q is then the low
// byte of the float's bits. k holds S of the four channels (twice), sa,
// 65025, r and 2^23.
TEXT ·overPartialAVX2(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ cov+8(FP), SI
	MOVQ n+16(FP), CX
	MOVQ k+24(FP), DX
	VMOVUPS 0(DX), Y8        // S
	VBROADCASTSS 32(DX), Y9  // sa
	VBROADCASTSS 36(DX), Y10 // 65025
	VBROADCASTSS 40(DX), Y11 // r
	VBROADCASTSS 44(DX), Y12 // 2^23
	VMOVDQU covLo<>(SB), Y13
	VMOVDQU covHi<>(SB), Y14
	VMOVDQU outPerm<>(SB), Y15

// BLEND blends four pixels: their coverage bytes in every dword of Y0, their
// bytes widened to dwords in Y2 (pixels 0, 1) and Y3 (2, 3); the result
// bytes in X4.
#define BLEND \
	VPSHUFB Y13, Y0, Y1 \
	VPSHUFB Y14, Y0, Y0 \
	VCVTDQ2PS Y1, Y1 \
	VCVTDQ2PS Y0, Y0 \
	VCVTDQ2PS Y2, Y2 \
	VCVTDQ2PS Y3, Y3 \
	VMULPS Y8, Y1, Y4 \
	VMULPS Y8, Y0, Y5 \
	VFNMADD213PS Y10, Y9, Y1 \
	VFNMADD213PS Y10, Y9, Y0 \
	VFMADD231PS Y1, Y2, Y4 \
	VFMADD231PS Y0, Y3, Y5 \
	VFMADD213PS Y12, Y11, Y4 \
	VFMADD213PS Y12, Y11, Y5 \
	VPSHUFB outLo<>(SB), Y4, Y4 \
	VPSHUFB outLo<>(SB), Y5, Y5 \
	VPUNPCKLDQ Y5, Y4, Y4 \
	VPERMD Y4, Y15, Y4

	MOVQ CX, AX
	SHRQ $2, CX
	JZ tail
loop:
	VPBROADCASTD (SI), Y0
	VPMOVZXBD 0(DI), Y2
	VPMOVZXBD 8(DI), Y3
	BLEND
	VMOVDQU X4, 0(DI)
	ADDQ $4, SI
	ADDQ $16, DI
	DECQ CX
	JNZ loop
tail:
	ANDQ $3, AX
	JZ done
	// The last r = n mod 4 pixels, without a branch on r: pixels 0, r/2
	// and r−1 of them go to lanes 0, 1 and 2, with their coverages, those
	// past r cleared (for r < 3 a lane repeats a pixel, with coverage 0).
	MOVQ AX, R8
	SHRQ $1, R8
	LEAQ -1(AX), R10
	MOVBLZX (SI), BX
	MOVBLZX (SI)(R8*1), R11
	MOVBLZX (SI)(R10*1), R12
	SHLL $8, R11
	SHLL $16, R12
	ORL R11, BX
	ORL R12, BX
	LEAQ (AX*8), CX
	MOVL $-1, R11
	SHLL CX, R11
	NOTL R11
	ANDL R11, BX
	VMOVD (DI), X2
	VPINSRD $1, (DI)(R8*4), X2, X2
	VPINSRD $2, (DI)(R10*4), X2, X2
	VMOVD BX, X0
	VPBROADCASTD X0, Y0
	VPSRLDQ $8, X2, X3
	VPMOVZXBD X2, Y2
	VPMOVZXBD X3, Y3
	BLEND
	// Stored from lane 2 down, so a repeated pixel ends with its blended
	// value.
	VPEXTRD $2, X4, (DI)(R10*4)
	VPEXTRD $1, X4, (DI)(R8*4)
	VMOVD X4, (DI)
done:
	VZEROUPPER
	RET
