//go:build !purego

#include "textflag.h"

// Constants of rgbaToI420Rows (yuv.go), as 16-bit multipliers for VPMADDWD: each
// pixel's R,G,B,A words times (R,G,B,0) coefficients, then adjacent dwords summed.
DATA kY<>+0(SB)/8, $0x00000c88408820de // yR=8414 yG=16520 yB=3208 0
DATA kY<>+8(SB)/8, $0x00000c88408820de
DATA kY<>+16(SB)/8, $0x00000c88408820de
DATA kY<>+24(SB)/8, $0x00000c88408820de
GLOBL kY<>(SB), RODATA|NOPTR, $32
DATA kU<>+0(SB)/8, $0x00003838dac1ed07 // cbR=-4857 cbG=-9535 cbB=14392 0
DATA kU<>+8(SB)/8, $0x00003838dac1ed07
DATA kU<>+16(SB)/8, $0x00003838dac1ed07
DATA kU<>+24(SB)/8, $0x00003838dac1ed07
GLOBL kU<>(SB), RODATA|NOPTR, $32
DATA kV<>+0(SB)/8, $0x0000f6dcd0ec3838 // crR=14392 crG=-12052 crB=-2340 0
DATA kV<>+8(SB)/8, $0x0000f6dcd0ec3838
DATA kV<>+16(SB)/8, $0x0000f6dcd0ec3838
DATA kV<>+24(SB)/8, $0x0000f6dcd0ec3838
GLOBL kV<>(SB), RODATA|NOPTR, $32
// yOff = 16<<15 + 1<<14, cOff = 128<<17 + 1<<16 (dwords).
DATA offY<>+0(SB)/8, $0x0008400000084000
DATA offY<>+8(SB)/8, $0x0008400000084000
DATA offY<>+16(SB)/8, $0x0008400000084000
DATA offY<>+24(SB)/8, $0x0008400000084000
GLOBL offY<>(SB), RODATA|NOPTR, $32
DATA offC<>+0(SB)/8, $0x0101000001010000
DATA offC<>+8(SB)/8, $0x0101000001010000
DATA offC<>+16(SB)/8, $0x0101000001010000
DATA offC<>+24(SB)/8, $0x0101000001010000
GLOBL offC<>(SB), RODATA|NOPTR, $32
// Dword order after the in-lane packs: lane 0's first dword then lane 1's, etc.
DATA permIdx<>+0(SB)/8, $0x0000000400000000
DATA permIdx<>+8(SB)/8, $0x0000000500000001
DATA permIdx<>+16(SB)/8, $0x0000000600000002
DATA permIdx<>+24(SB)/8, $0x0000000700000003
GLOBL permIdx<>(SB), RODATA|NOPTR, $32
// Luma bytes come out as p0 p1 p4 p5 p2 p3 p6 p7, q0 q1 q4 q5 q2 q3 q6 q7.
DATA shufY<>+0(SB)/8, $0x0706030205040100
DATA shufY<>+8(SB)/8, $0x0f0e0b0a0d0c0908
GLOBL shufY<>(SB), RODATA|NOPTR, $16
// Chroma bytes come out as u0 u0 u2 u2 u1 u1 u3 u3, then v alike.
DATA shufC<>+0(SB)/8, $0x0e0a0c0806020400
DATA shufC<>+8(SB)/8, $0x8080808080808080
GLOBL shufC<>(SB), RODATA|NOPTR, $16

// func i420x8AVX2(r0, r1, l0, l1, cu, cv *byte, n int)
// Converts n groups of 8 pixels of two RGBA rows into 8 luma bytes per row and 4
// Cb and 4 Cr bytes, with the arithmetic of rgbaToI420Rows.
TEXT ·i420x8AVX2(SB), NOSPLIT, $0-56
	MOVQ r0+0(FP), SI
	MOVQ r1+8(FP), DI
	MOVQ l0+16(FP), R8
	MOVQ l1+24(FP), R9
	MOVQ cu+32(FP), R10
	MOVQ cv+40(FP), R11
	MOVQ n+48(FP), CX
	TESTQ CX, CX
	JLE  done
	VMOVDQU kY<>(SB), Y4
	VMOVDQU kU<>(SB), Y5
	VMOVDQU kV<>(SB), Y6
	VMOVDQU offY<>(SB), Y7
	VMOVDQU offC<>(SB), Y8
	VMOVDQU shufY<>(SB), X9
	VMOVDQU permIdx<>(SB), Y10
	VMOVDQU shufC<>(SB), X11

loop:
	VPMOVZXBW (SI), Y0   // row 0, pixels 0-3 as R,G,B,A words
	VPMOVZXBW 16(SI), Y1 // row 0, pixels 4-7
	VPMOVZXBW (DI), Y2   // row 1, pixels 0-3
	VPMOVZXBW 16(DI), Y3 // row 1, pixels 4-7

	// 2x2 sums: rows added, then each lane's two pixels (qwords) added.
	VPADDW  Y0, Y2, Y12
	VPADDW  Y1, Y3, Y13
	VPSHUFD $0x4e, Y12, Y14
	VPADDW  Y14, Y12, Y12 // blocks 0 (lane 0) and 1 (lane 1) in the low qwords
	VPSHUFD $0x4e, Y13, Y14
	VPADDW  Y14, Y13, Y13 // blocks 2 and 3

	// Luma.
	VPMADDWD Y4, Y0, Y0
	VPMADDWD Y4, Y1, Y1
	VPHADDD  Y1, Y0, Y0 // p0 p1 p4 p5 | p2 p3 p6 p7
	VPADDD   Y7, Y0, Y0
	VPSRLD   $15, Y0, Y0
	VPMADDWD Y4, Y2, Y2
	VPMADDWD Y4, Y3, Y3
	VPHADDD  Y3, Y2, Y2 // q0 q1 q4 q5 | q2 q3 q6 q7
	VPADDD   Y7, Y2, Y2
	VPSRLD   $15, Y2, Y2
	VPACKUSDW Y2, Y0, Y0
	VPACKUSWB Y0, Y0, Y0
	VPERMD    Y0, Y10, Y0
	VPSHUFB   X9, X0, X0
	VMOVQ     X0, (R8)
	VPEXTRQ   $1, X0, (R9)

	// Chroma.
	VPMADDWD Y5, Y12, Y14
	VPMADDWD Y5, Y13, Y15
	VPHADDD  Y15, Y14, Y14 // u0 u0 u2 u2 | u1 u1 u3 u3
	VPMADDWD Y6, Y12, Y12
	VPMADDWD Y6, Y13, Y13
	VPHADDD  Y13, Y12, Y12 // v0 v0 v2 v2 | v1 v1 v3 v3
	VPADDD   Y8, Y14, Y14
	VPADDD   Y8, Y12, Y12
	VPSRLD   $17, Y14, Y14
	VPSRLD   $17, Y12, Y12
	VPACKUSDW Y12, Y14, Y14 // u0 u0 u2 u2 v0 v0 v2 v2 | u1 u1 u3 u3 v1 v1 v3 v3 (words)
	VPACKUSWB Y14, Y14, Y14
	VPERMD    Y14, Y10, Y14
	VPSHUFB   X11, X14, X14
	VMOVD     X14, AX
	MOVL      AX, (R10)
	VPEXTRD   $1, X14, AX
	MOVL      AX, (R11)

	ADDQ $32, SI
	ADDQ $32, DI
	ADDQ $8, R8
	ADDQ $8, R9
	ADDQ $4, R10
	ADDQ $4, R11
	DECQ CX
	JNZ  loop
	VZEROUPPER

done:
	RET
